// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Deposit into savings (or a goal) or withdraw to the wallet: an amount in your
// language, where it goes, a review, the app lock — then App.wallet moves it exactly once.
Sheet {
    id: sheet
    objectName: "savingsMoveSheet"

    required property QtObject savings
    required property QtObject service
    required property QtObject goals
    required property QtObject wallet
    property bool deposit: true
    property string goalId: ""
    property string step: "form" // form, review, result
    // The step that had the focus (the PIN field of the lock prompt) is hidden now: the
    // keyboard and screen readers go on from the outcome's Done button.
    onStepChanged: if (step === "result") Qt.callLater(() => doneButton.forceActiveFocus())
    property string outcome: ""
    property string outcomeMessage: ""
    readonly property var goalChoices: {
        goals.revision // again when a goal changes
        const out = []
        for (let i = 0; i < goals.count; ++i) {
            const g = goals.get(i)
            out.push({ value: g.goalId, label: g.name })
        }
        return out
    }

    readonly property var parsed: Format.parseAmount(amountField.text, savings.currency)
    readonly property var goal: {
        goals.revision // again when a goal changes
        const row = goals.indexOf(goalId)
        return row >= 0 ? goals.get(row) : null
    }
    readonly property int availableMinor: deposit ? wallet.availableMinor
                                                  : (goal ? goal.savedMinor : savings.unassignedMinor)
    readonly property string amountError: {
        if (amountField.text.trim().length === 0)
            return ""
        if (!parsed.ok)
            return Errors.describeAmount(parsed.reason, parsed.decimals)
        if (parsed.minor > availableMinor)
            return deposit ? Errors.describeAmount("over_available", parsed.decimals)
                           : qsTr("That's more than %1 holds.").arg(goal ? goal.name : qsTr("the unassigned part"))
        return ""
    }

    title: step === "result" ? (outcome === "completed" ? qsTr("Done") : outcome === "awaiting" ? qsTr("Awaiting confirmation") : qsTr("Not moved"))
                             : deposit ? qsTr("Add to savings") : qsTr("Withdraw to wallet")
    subtitle: step !== "form" ? ""
            : deposit ? qsTr("From your wallet · %1 available").arg(Format.formatMoney(wallet.availableMinor, wallet.currency))
            : goal ? qsTr("From “%1” · %2 saved").arg(goal.name).arg(goal.formattedSaved)
            : qsTr("From unassigned savings · %1").arg(savings.formattedUnassigned)
    closable: !App.wallet.busy

    function start(isDeposit, goalIdentifier) {
        deposit = isDeposit
        goalId = goalIdentifier || ""
        step = "form"
        outcome = ""
        amountField.text = ""
        open()
    }

    onOpened: amountField.forceActiveFocus()

    Connections {
        target: App.wallet
        enabled: sheet.visible && (sheet.step === "review" || sheet.step === "stepup")
        function onStepUpRequired(key, methods, why) {
            sheet.step = "stepup"
            stepUpPrompt.ask(key, methods, why)
        }
        function onPaymentCompleted(key, transactionId) { sheet.outcome = "completed"; sheet.step = "result"; sheet.service.refresh() }
        function onPaymentAwaiting(key) { sheet.outcome = "awaiting"; sheet.step = "result" }
        function onPaymentFailed(code, field) {
            sheet.outcome = "failed"
            sheet.outcomeMessage = Errors.describe(code, field, App.session.serverUrl)
            sheet.step = "result"
        }
    }

    contentItem: ColumnLayout {
        spacing: 0
        ColumnLayout {
            visible: sheet.step === "form"
            spacing: Theme.spacingM
            Layout.fillWidth: true
            FormField {
                id: amountField
                objectName: "savingsAmountField"
                label: qsTr("Amount (%1)").arg(sheet.savings.currency)
                placeholderText: { Preferences.languageInUse; return Number(0).toLocaleString(Qt.locale(), "f", sheet.parsed.decimals) } // again when the language switches
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                maximumLength: 20
                input.font: Qt.font({ family: Theme.moneyFont.family, pixelSize: Theme.fontTitle })
                input.horizontalAlignment: TextInput.AlignRight
                input.implicitHeight: 52
                error: sheet.amountError
                Layout.fillWidth: true
                onAccepted: if (reviewButton.enabled) reviewButton.clicked()
            }
            Label {
                text: qsTr("Goal")
                color: Theme.text
                font.pixelSize: Theme.fontCaption + 1
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
            }
            AppComboBox {
                id: goalChoice
                objectName: "savingsGoalChoice"
                Accessible.name: qsTr("Goal")
                Layout.fillWidth: true
                textRole: "label"
                valueRole: "value"
                model: [{ value: "", label: sheet.deposit ? qsTr("No goal (unassigned)") : qsTr("Unassigned savings") }]
                       .concat(sheet.goalChoices)
                currentIndex: Math.max(0, indexOfValue(sheet.goalId))
                onActivated: sheet.goalId = currentValue
            }
            RowLayout {
                spacing: Theme.spacingS
                Layout.topMargin: Theme.spacingS
                Item { Layout.fillWidth: true }
                AppButton {
                    id: reviewButton
                    objectName: "savingsReviewButton"
                    text: qsTr("Review")
                    enabled: sheet.parsed.ok && sheet.amountError.length === 0
                    onClicked: { sheet.step = "review"; lockPrompt.reset() }
                }
            }
        }
        ColumnLayout {
            visible: sheet.step === "review"
            spacing: Theme.spacingL
            Layout.fillWidth: true
            Label {
                text: sheet.parsed.ok ? sheet.parsed.formatted : ""
                color: Theme.text
                font.family: Theme.moneyFont.family
                font.pixelSize: Theme.fontDisplay
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Label {
                text: sheet.deposit ? (sheet.goal ? qsTr("from your wallet into “%1”").arg(sheet.goal.name) : qsTr("from your wallet into savings"))
                                    : (sheet.goal ? qsTr("from “%1” to your wallet").arg(sheet.goal.name) : qsTr("from savings to your wallet"))
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            LockPrompt {
                id: lockPrompt
                actionLabel: sheet.parsed.ok ? (sheet.deposit ? qsTr("Add %1").arg(sheet.parsed.formatted) : qsTr("Withdraw %1").arg(sheet.parsed.formatted)) : ""
                enabled: !App.wallet.busy
                Layout.fillWidth: true
                onUnlocked: sheet.deposit ? App.wallet.depositToSavings(amountField.text, sheet.goalId)
                                          : App.wallet.withdrawFromSavings(amountField.text, sheet.goalId)
            }
            AppButton {
                text: qsTr("Change something")
                variant: "quiet"
                enabled: !App.wallet.busy
                Layout.alignment: Qt.AlignHCenter
                onClicked: sheet.step = "form"
            }
        }
        // A withdrawal the server wants confirmed with the password or a code.
        StepUpPrompt {
            id: stepUpPrompt
            visible: sheet.step === "stepup"
            actionLabel: sheet.parsed.ok ? qsTr("Confirm and withdraw %1").arg(sheet.parsed.formatted) : qsTr("Confirm")
            onCancelled: sheet.close()
        }
        ColumnLayout {
            visible: sheet.step === "result"
            spacing: Theme.spacingM
            Layout.fillWidth: true
            Icon {
                name: sheet.outcome === "completed" ? "circle-check" : sheet.outcome === "awaiting" ? "hourglass" : "circle-x"
                size: 48
                color: sheet.outcome === "completed" ? Theme.success : sheet.outcome === "awaiting" ? Theme.textMuted : Theme.danger
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                text: sheet.outcome === "completed"
                      ? (sheet.deposit ? qsTr("%1 added to your savings.").arg(sheet.parsed.formatted) : qsTr("%1 moved to your wallet.").arg(sheet.parsed.formatted))
                      : sheet.outcome === "awaiting"
                        ? qsTr("The server didn't answer in time. Plaza will retry with the same key until it does, so this can never happen twice.")
                        : sheet.outcomeMessage
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            AppButton { id: doneButton; objectName: "savingsMoveDoneButton"; text: qsTr("Done"); Layout.alignment: Qt.AlignRight; onClicked: sheet.close() }
        }
    }
}
