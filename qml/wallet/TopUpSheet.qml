// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Add money by card: an amount in your language, a card, a review, the app lock — then
// App.wallet tops up exactly once (the Idempotency-Key is stored before the first try; a lost
// answer is retried with it). The cards are the reference server's test cards.
Sheet {
    id: sheet
    objectName: "topUpSheet"

    required property QtObject summary
    property string step: "form" // form, review, result
    // The step that had the focus (the PIN field of the lock prompt) is hidden now: the
    // keyboard and screen readers go on from the outcome's Done button.
    onStepChanged: if (step === "result") Qt.callLater(() => doneButton.forceActiveFocus())
    property string outcome: ""
    property string outcomeMessage: ""

    readonly property string currency: summary.currency.length > 0 ? summary.currency : "EUR"
    readonly property var parsed: Format.parseAmount(amountField.text, currency)
    readonly property string amountError: amountField.text.trim().length === 0 || parsed.ok
                                          ? "" : Errors.describeAmount(parsed.reason, parsed.decimals)
    readonly property var cards: [
        { value: "tok_visa", label: qsTr("Test card · Visa ending 4242") },
        { value: "tok_declined", label: qsTr("Test card · always declined") }
    ]

    title: step === "result" ? (outcome === "completed" ? qsTr("Money added")
                                : outcome === "awaiting" ? qsTr("Awaiting confirmation") : qsTr("Not added"))
                             : qsTr("Add money")
    subtitle: step === "form" ? qsTr("From a card to your wallet · balance %1").arg(summary.formattedBalance) : ""
    closable: !App.wallet.busy

    function start() {
        step = "form"
        outcome = ""
        outcomeMessage = ""
        amountField.text = ""
        cardChoice.currentIndex = 0
        open()
    }

    onOpened: amountField.forceActiveFocus()

    Connections {
        target: App.wallet
        enabled: sheet.visible && sheet.step === "review"
        function onPaymentCompleted(key, transactionId) { sheet.outcome = "completed"; sheet.step = "result" }
        function onPaymentAwaiting(key) { sheet.outcome = "awaiting"; sheet.step = "result" }
        function onPaymentFailed(code, field) {
            sheet.outcome = "failed"
            sheet.outcomeMessage = code === "validation_failed" && field === "card_token"
                                   ? qsTr("This card isn't accepted.")
                                   : Errors.describe(code, field, App.session.serverUrl)
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
                objectName: "topUpAmountField"
                label: qsTr("Amount (%1)").arg(sheet.currency)
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
                text: qsTr("Card")
                color: Theme.text
                font.pixelSize: Theme.fontCaption + 1
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
            }
            AppComboBox {
                id: cardChoice
                objectName: "topUpCardChoice"
                Accessible.name: qsTr("Card")
                Layout.fillWidth: true
                textRole: "label"
                valueRole: "value"
                model: sheet.cards
            }
            Label {
                text: qsTr("These are the test server's cards: no real card is charged.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacingS
                Layout.topMargin: Theme.spacingS
                Item { Layout.fillWidth: true }
                AppButton {
                    id: reviewButton
                    objectName: "topUpReviewButton"
                    text: qsTr("Review")
                    enabled: sheet.parsed.ok && App.session.online
                    onClicked: { sheet.step = "review"; lockPrompt.reset() }
                }
            }
        }
        ColumnLayout {
            visible: sheet.step === "review"
            spacing: Theme.spacingL
            Layout.fillWidth: true
            Label {
                objectName: "topUpReviewAmount"
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
                text: qsTr("from %1 to your wallet").arg(cardChoice.currentText)
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            LockPrompt {
                id: lockPrompt
                actionLabel: sheet.parsed.ok ? qsTr("Add %1").arg(sheet.parsed.formatted) : ""
                enabled: !App.wallet.busy
                Layout.fillWidth: true
                onUnlocked: App.wallet.topUpByCard(amountField.text, cardChoice.currentValue)
            }
            AppButton {
                text: qsTr("Change something")
                variant: "quiet"
                enabled: !App.wallet.busy
                Layout.alignment: Qt.AlignHCenter
                onClicked: sheet.step = "form"
            }
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
                objectName: "topUpResult"
                text: sheet.outcome === "completed"
                      ? qsTr("%1 added to your wallet.").arg(sheet.parsed.formatted)
                      : sheet.outcome === "awaiting"
                        ? qsTr("The server didn't answer in time. Plaza will retry with the same key until it does, so this can never happen twice.")
                        : sheet.outcomeMessage
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            AppButton { id: doneButton; objectName: "topUpDoneButton"; text: qsTr("Done"); Layout.alignment: Qt.AlignRight; onClicked: sheet.close() }
        }
    }
}
