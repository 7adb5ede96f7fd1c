// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Send money: choose a person, type the amount in your language, add a note, review the
// exact amount, confirm with the app lock. The payment goes through App.wallet, which
// keeps its Idempotency-Key in the cache before the first try.
Sheet {
    id: sheet
    objectName: "sendSheet"

    required property QtObject summary
    //! Pre-selects this handle (from --page wallet/send/<handle> or a profile).
    property string presetHandle: ""
    //! Sent from a conversation: the payment shows there as a card.
    property string conversationId: ""

    // who → amount → review → result
    property string step: "who"
    // The step that had the focus (the PIN field of the lock prompt) is hidden now: the
    // keyboard and screen readers go on from the outcome's Done button.
    onStepChanged: if (step === "result") Qt.callLater(() => doneButton.forceActiveFocus())
    property var recipient: null
    property string outcome: "" // completed, awaiting, failed
    property string outcomeMessage: ""
    // The server asked for a second check before this payment (step_up_required): the
    // payment's key, how it may be confirmed ("password", "totp") and why.
    property string stepUpKey: ""
    property var stepUpMethods: []
    property string stepUpWhy: ""
    property string stepUpError: ""
    readonly property bool stepUpTakesCode: stepUpMethods.indexOf("totp") >= 0
    readonly property var parsed: Format.parseAmount(amountField.text, summary.currency)
    readonly property string amountError: {
        if (amountField.text.trim().length === 0)
            return ""
        if (!parsed.ok)
            return Errors.describeAmount(parsed.reason, parsed.decimals)
        if (summary.loaded && parsed.minor > summary.limitPerPaymentMinor && summary.limitPerPaymentMinor > 0)
            return Errors.describeAmount("over_limit", parsed.decimals)
        if (summary.loaded && parsed.minor > summary.availableMinor)
            return Errors.describeAmount("over_available", parsed.decimals)
        return ""
    }

    title: step === "result" ? (outcome === "completed" ? qsTr("Sent") : outcome === "awaiting" ? qsTr("Awaiting confirmation") : qsTr("Not sent"))
         : step === "stepup" ? qsTr("Confirm it's you")
                             : qsTr("Send money")
    subtitle: step === "who" ? qsTr("Who are you paying?")
            : step === "amount" ? qsTr("From your wallet · %1 available").arg(summary.formattedAvailable)
            : step === "review" ? qsTr("Check everything before you confirm.") : ""
    closable: !App.wallet.busy

    function start(handle, inConversation) {
        conversationId = inConversation ? inConversation : ""
        step = "who"
        recipient = null
        outcome = ""
        amountField.text = ""
        noteField.text = ""
        search.query = handle ? handle : ""
        presetHandle = handle ? handle : ""
        if (!handle)
            search.refreshRecent()
        open()
    }
    function choose(person) {
        recipient = person
        step = "amount"
        amountField.forceActiveFocus()
    }

    onOpened: step === "who" ? searchField.forceActiveFocus() : amountField.forceActiveFocus()

    PeopleSearchModel {
        id: search
        cache: App.session.cache
        api: App.session.api
        // Before anything is typed: the people you last paid, were paid by or wrote to.
        recentWhenEmpty: true
        onResultsChanged: {
            if (sheet.presetHandle.length === 0 || sheet.step !== "who")
                return
            for (let i = 0; i < count; ++i) {
                const person = get(i)
                if (person.handle === sheet.presetHandle) {
                    sheet.presetHandle = ""
                    sheet.choose(person)
                    App.pageSettled = true
                    return
                }
            }
        }
    }

    Connections {
        target: App.wallet
        enabled: sheet.visible && (sheet.step === "review" || sheet.step === "stepup")
        function onStepUpRequired(key, methods, why) {
            sheet.stepUpKey = key
            sheet.stepUpMethods = methods
            sheet.stepUpWhy = why
            sheet.stepUpError = ""
            stepUpField.text = ""
            sheet.step = "stepup"
            stepUpField.forceActiveFocus()
        }
        function onStepUpFailed(code, reason) {
            sheet.stepUpError = Errors.describeSecurity(reason, code)
            stepUpField.text = ""
            stepUpField.forceActiveFocus()
        }
        function onPaymentCompleted(key, transactionId) {
            sheet.outcome = "completed"
            sheet.outcomeMessage = ""
            sheet.step = "result"
        }
        function onPaymentAwaiting(key) {
            sheet.outcome = "awaiting"
            sheet.step = "result"
        }
        function onPaymentFailed(code, field) {
            sheet.outcome = "failed"
            sheet.outcomeMessage = code === "validation_failed" ? Errors.describeField(field)
                                 : Errors.describe(code, field, App.session.serverUrl)
            sheet.step = "result"
        }
    }

    // One step at a time; a hidden step takes no room, so the sheet fits the step.
    contentItem: ColumnLayout {
        spacing: 0

        // 1. Who
        ColumnLayout {
            visible: sheet.step === "who"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            FormField {
                id: searchField
                objectName: "recipientSearchField"
                label: qsTr("Name or @handle")
                placeholderText: qsTr("Search people and businesses")
                text: search.query
                input.onTextEdited: search.query = input.text
                // Down (which the field leaves alone) reaches the list: the recent people
                // before anything is typed.
                Keys.onDownPressed: if (search.count > 0) { results.forceActiveFocus(); results.currentIndex = 0 }
                Layout.fillWidth: true
                // Enter takes the first match of what was typed (never a recent person unasked).
                onAccepted: if (search.count > 0 && !search.showingRecent) sheet.choose(search.get(0))
            }
            Label {
                objectName: "recentPeopleLabel"
                visible: search.showingRecent
                text: qsTr("Recent")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
                Accessible.role: Accessible.Heading
                Layout.bottomMargin: -Theme.spacingS
            }
            Label {
                visible: search.offline
                text: qsTr("Offline: showing people you already know. You can pick someone, but sending needs a connection.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            ListView {
                id: results
                objectName: "recipientResults"
                model: search
                clip: true
                spacing: 2
                keyNavigationEnabled: true
                implicitHeight: 280
                Layout.fillWidth: true
                Accessible.role: Accessible.List
                Accessible.name: search.showingRecent ? qsTr("Recent people") : qsTr("People found")
                Keys.onReturnPressed: if (currentIndex >= 0) sheet.choose(search.get(currentIndex))
                Keys.onEnterPressed: if (currentIndex >= 0) sheet.choose(search.get(currentIndex))
                Keys.onUpPressed: event => {
                    if (currentIndex <= 0)
                        searchField.forceActiveFocus()
                    else
                        event.accepted = false
                }
                delegate: PersonRow {
                    displayName: model.displayName
                    handle: model.handle
                    initials: model.initials
                    merchant: model.kind === "merchant"
                    // What Enter in the field takes (the first match), or the keyboard's row.
                    highlighted: ListView.isCurrentItem && (results.activeFocus || !search.showingRecent)
                    onClicked: sheet.choose(search.get(index))
                }
                Spinner {
                    anchors.centerIn: parent
                    active: search.loading && search.count === 0
                }
                Label {
                    anchors.centerIn: parent
                    width: parent.width
                    visible: !search.loading && search.count === 0
                    horizontalAlignment: Text.AlignHCenter
                    text: search.error.length > 0 ? Errors.describe(search.error, "", App.session.serverUrl)
                          : search.query.trim().length === 0 ? qsTr("Start typing a name or a handle.")
                          : qsTr("No one matches “%1”.").arg(search.query.trim())
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                }
            }
        }

        // 2. Amount and note
        ColumnLayout {
            visible: sheet.step === "amount"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            PersonRow {
                displayName: sheet.recipient ? sheet.recipient.displayName : ""
                handle: sheet.recipient ? sheet.recipient.handle : ""
                initials: sheet.recipient ? sheet.recipient.initials : ""
                merchant: sheet.recipient ? sheet.recipient.kind === "merchant" : false
                Layout.fillWidth: true
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose someone else")
                onClicked: sheet.step = "who"
            }
            FormField {
                id: amountField
                objectName: "amountField"
                label: qsTr("Amount (%1)").arg(sheet.summary.currency)
                placeholderText: { Preferences.languageInUse; return Number(0).toLocaleString(Qt.locale(), "f", sheet.parsed.decimals) } // again when the language switches
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                maximumLength: 20
                input.font: Qt.font({ family: Theme.moneyFont.family, pixelSize: Theme.fontTitle })
                input.horizontalAlignment: TextInput.AlignRight
                input.implicitHeight: 52
                error: sheet.amountError
                hint: sheet.summary.loaded ? qsTr("Up to %1 per payment · %2 left today")
                                                 .arg(Format.formatMoney(sheet.summary.limitPerPaymentMinor, sheet.summary.currency))
                                                 .arg(Format.formatMoney(sheet.summary.remainingTodayMinor, sheet.summary.currency))
                                           : ""
                Layout.fillWidth: true
                onAccepted: noteField.forceActiveFocus()
            }
            FormField {
                id: noteField
                objectName: "noteField"
                label: qsTr("Note (optional)")
                placeholderText: qsTr("What's it for?")
                maximumLength: 140
                hint: qsTr("%1 / 140").arg(text.length)
                Layout.fillWidth: true
                onAccepted: if (reviewButton.enabled) reviewButton.clicked()
            }
            RowLayout {
                spacing: Theme.spacingS
                Layout.topMargin: Theme.spacingS
                AppButton {
                    text: qsTr("Back")
                    variant: "secondary"
                    onClicked: sheet.step = "who"
                }
                Item { Layout.fillWidth: true }
                AppButton {
                    id: reviewButton
                    objectName: "reviewButton"
                    text: qsTr("Review")
                    enabled: sheet.parsed.ok && sheet.amountError.length === 0
                    onClicked: {
                        sheet.step = "review"
                        lockPrompt.reset()
                    }
                }
            }
        }

        // 3. Review and confirm
        ColumnLayout {
            visible: sheet.step === "review"
            Layout.fillWidth: true
            spacing: Theme.spacingL
            Rectangle {
                radius: Theme.radiusM
                color: Theme.background
                implicitHeight: reviewColumn.implicitHeight + 2 * Theme.spacingL
                Layout.fillWidth: true
                ColumnLayout {
                    id: reviewColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacingL
                    spacing: Theme.spacingS
                    Label {
                        objectName: "reviewAmount"
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
                        text: sheet.recipient ? qsTr("to %1 (@%2)").arg(sheet.recipient.displayName).arg(sheet.recipient.handle) : ""
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: noteField.text.length > 0
                        text: qsTr("“%1”").arg(noteField.text)
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        font.italic: true
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: sheet.summary.loaded && sheet.parsed.ok
                        text: qsTr("Available after: %1").arg(Format.formatMoney(sheet.summary.availableMinor - (sheet.parsed.ok ? sheet.parsed.minor : 0), sheet.summary.currency))
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                        horizontalAlignment: Text.AlignHCenter
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
            }
            LockPrompt {
                id: lockPrompt
                actionLabel: sheet.parsed.ok ? qsTr("Send %1").arg(sheet.parsed.formatted) : ""
                enabled: !App.wallet.busy
                Layout.fillWidth: true
                onUnlocked: App.wallet.sendMoney("@" + sheet.recipient.handle, amountField.text, noteField.text, sheet.conversationId)
            }
            Spinner {
                active: App.wallet.busy
                Layout.alignment: Qt.AlignHCenter
            }
            AppButton {
                text: qsTr("Change something")
                variant: "quiet"
                enabled: !App.wallet.busy
                Layout.alignment: Qt.AlignHCenter
                onClicked: sheet.step = "amount"
            }
        }

        // 3b. The server wants the password or a code before this payment; nothing moved yet.
        ColumnLayout {
            objectName: "stepUpStep"
            visible: sheet.step === "stepup"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            Label {
                objectName: "stepUpReason"
                text: (sheet.stepUpWhy === "new_session"
                       ? qsTr("You signed in on this device a few minutes ago. Confirm it's you before paying.")
                       : qsTr("This payment is at or above the amount you chose to confirm."))
                      + " " + (sheet.stepUpTakesCode ? qsTr("Enter your password or the code from your authenticator app.")
                                                     : qsTr("Enter your account password."))
                color: Theme.text
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            PasswordField {
                id: stepUpField
                objectName: "stepUpField"
                label: sheet.stepUpTakesCode ? qsTr("Password or code") : qsTr("Password")
                maximumLength: 128
                error: sheet.stepUpError
                enabled: !App.wallet.busy
                onAccepted: stepUpButton.clicked()
                Layout.fillWidth: true
            }
            AppButton {
                id: stepUpButton
                objectName: "stepUpConfirm"
                text: sheet.parsed.ok ? qsTr("Confirm and send %1").arg(sheet.parsed.formatted) : qsTr("Confirm and send")
                busy: App.wallet.busy
                enabled: !App.wallet.busy && stepUpField.text.length > 0
                Layout.fillWidth: true
                onClicked: {
                    sheet.stepUpError = ""
                    const isCode = sheet.stepUpTakesCode && /^\s*\d{6}\s*$/.test(stepUpField.text)
                    App.wallet.confirmStepUp(sheet.stepUpKey, stepUpField.text, isCode)
                }
            }
            AppButton {
                text: qsTr("Cancel")
                variant: "quiet"
                enabled: !App.wallet.busy
                Layout.alignment: Qt.AlignHCenter
                onClicked: sheet.close()
            }
        }

        // 4. Result
        ColumnLayout {
            visible: sheet.step === "result"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            Icon {
                name: sheet.outcome === "completed" ? "circle-check" : sheet.outcome === "awaiting" ? "hourglass" : "circle-x"
                size: 48
                color: sheet.outcome === "completed" ? Theme.success : sheet.outcome === "awaiting" ? Theme.textMuted : Theme.danger
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                objectName: "sendResultText"
                text: sheet.outcome === "completed"
                      ? qsTr("%1 sent to %2.").arg(sheet.parsed.formatted).arg(sheet.recipient ? sheet.recipient.displayName : "")
                      : sheet.outcome === "awaiting"
                        ? qsTr("The server didn't answer in time. Plaza will retry with the same payment key until it does, so this payment can never go out twice. You'll see it in your history as soon as it's confirmed.")
                        : sheet.outcomeMessage
                color: Theme.text
                font.pixelSize: Theme.fontBody
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacingS
                Layout.topMargin: Theme.spacingS
                AppButton {
                    visible: sheet.outcome === "failed"
                    text: qsTr("Edit and try again")
                    variant: "secondary"
                    onClicked: sheet.step = "amount"
                }
                Item { Layout.fillWidth: true }
                AppButton {
                    id: doneButton
                    objectName: "sendDoneButton"
                    text: qsTr("Done")
                    onClicked: sheet.close()
                }
            }
        }
    }
}
