// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Request money: an amount and a note make a payment request; its plaza://pay link and
// QR code can be copied or saved and sent to anyone with Plaza. Also shows an existing
// request of yours (showRequest).
Sheet {
    id: sheet
    objectName: "requestSheet"

    required property QtObject summary

    property string step: "form" // form, loading, done, failed
    property var request: null    // {id, link, formattedAmount, note}
    property string failure: ""
    property string notice: ""
    //! Asked in a conversation: the request goes there as a card anyone in it can pay
    //! (a direct conversation's other person is named as the payer).
    property string conversationId: ""
    property string payer: ""
    readonly property var parsed: Format.parseAmount(amountField.text, summary.currency)

    title: step === "done" ? qsTr("Your payment request") : qsTr("Request money")
    subtitle: step === "done" ? (conversationId.length > 0 ? qsTr("It's in the conversation: they can pay it from there.")
                                                           : qsTr("Anyone with Plaza can pay it from this link or by scanning the code."))
                              : step === "form" ? (conversationId.length > 0 ? qsTr("Ask for an exact amount in this conversation.")
                                                                              : qsTr("Make a link that asks for an exact amount.")) : ""
    closable: !App.wallet.busy

    function start(inConversation, payerHandle) {
        conversationId = inConversation ? inConversation : ""
        payer = payerHandle ? payerHandle : ""
        step = "form"
        request = null
        failure = ""
        notice = ""
        amountField.text = ""
        noteField.text = ""
        open()
    }
    function showRequest(id) {
        step = "loading"
        request = null
        failure = ""
        notice = ""
        open()
        App.wallet.lookUpRequest(id)
    }

    onOpened: if (step === "form") amountField.forceActiveFocus()

    Connections {
        target: App.wallet
        enabled: sheet.visible
        function onRequestCreated(id, link, formattedAmount, note) {
            sheet.request = { id: id, link: link, formattedAmount: formattedAmount, note: note }
            sheet.step = "done"
            if (sheet.conversationId.length > 0) {
                // The card in the timeline: the amount, the note, the link (no words to translate).
                const text = formattedAmount + (note.length > 0 ? " — " + note : "") + "\n" + link
                if (App.chat.send(sheet.conversationId, text))
                    sheet.notice = qsTr("Sent in the conversation.")
            }
        }
        function onPaymentAwaiting(key) {
            sheet.failure = qsTr("The server didn't answer in time. Plaza will retry with the same key; your request will appear once it's confirmed.")
        }
        function onPaymentFailed(code, field) {
            sheet.failure = code === "validation_failed" ? Errors.describeField(field)
                                                         : Errors.describe(code, field, App.session.serverUrl)
        }
        function onRequestLookedUp(request) {
            if (sheet.step !== "loading")
                return
            sheet.request = request
            sheet.step = "done"
            App.pageSettled = true
        }
        function onRequestLookupFailed(code, reason) {
            if (sheet.step !== "loading")
                return
            sheet.failure = Errors.describeLink(reason, code, App.session.serverUrl)
            sheet.step = "failed"
            App.pageSettled = true
        }
    }

    FileDialog {
        id: saveDialog
        objectName: "qrSaveDialog"
        title: qsTr("Save the QR code")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save") // the non-native dialog says "Open" otherwise
        nameFilters: [qsTr("PNG images (*.png)")]
        defaultSuffix: "png"
        currentFolder: Desktop.suggestedFile("").toString()
        onAccepted: {
            const error = Desktop.saveQrCode(sheet.request.link, selectedFile)
            sheet.notice = error.length > 0 ? Errors.describe(error, "", "") : qsTr("QR code saved.")
        }
    }

    // One step at a time; a hidden step takes no room, so the sheet fits the step.
    contentItem: ColumnLayout {
        spacing: 0

        ColumnLayout {
            visible: sheet.step === "form"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            FormField {
                id: amountField
                objectName: "requestAmountField"
                label: qsTr("Amount (%1)").arg(sheet.summary.currency)
                placeholderText: { Preferences.languageInUse; return Number(0).toLocaleString(Qt.locale(), "f", sheet.parsed.decimals) } // again when the language switches
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                maximumLength: 20
                input.font: Qt.font({ family: Theme.moneyFont.family, pixelSize: Theme.fontTitle })
                input.horizontalAlignment: TextInput.AlignRight
                input.implicitHeight: 52
                error: amountField.text.trim().length > 0 && !sheet.parsed.ok
                       ? Errors.describeAmount(sheet.parsed.reason, sheet.parsed.decimals) : ""
                Layout.fillWidth: true
                onAccepted: noteField.forceActiveFocus()
            }
            FormField {
                id: noteField
                objectName: "requestNoteField"
                label: qsTr("What's it for?")
                placeholderText: qsTr("Dinner on Friday")
                maximumLength: 140
                hint: qsTr("%1 / 140").arg(text.length)
                Layout.fillWidth: true
                onAccepted: if (createButton.enabled) createButton.clicked()
            }
            InlineError {
                text: sheet.failure
                Layout.fillWidth: true
            }
            AppButton {
                id: createButton
                objectName: "createRequestButton"
                text: qsTr("Create request")
                iconName: "link"
                busy: App.wallet.busy
                enabled: sheet.parsed.ok && !App.wallet.busy
                Layout.fillWidth: true
                onClicked: {
                    sheet.failure = ""
                    App.wallet.requestMoney(amountField.text, noteField.text, sheet.payer)
                }
            }
        }

        Item {
            visible: sheet.step === "loading"
            Layout.fillWidth: true
            implicitHeight: 160
            Spinner { anchors.centerIn: parent; active: sheet.step === "loading" }
        }

        ColumnLayout {
            visible: sheet.step === "done"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            Label {
                text: sheet.request ? sheet.request.formattedAmount : ""
                color: Theme.text
                font.family: Theme.moneyFont.family
                font.pixelSize: Theme.fontHeadline
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Label {
                visible: sheet.request && sheet.request.note.length > 0
                text: sheet.request ? qsTr("“%1”").arg(sheet.request.note) : ""
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Rectangle {
                color: "white"
                radius: Theme.radiusM
                border.width: 1
                border.color: Theme.border
                implicitWidth: 212
                implicitHeight: 212
                Layout.alignment: Qt.AlignHCenter
                Image {
                    objectName: "requestQrCode"
                    anchors.centerIn: parent
                    width: 196
                    height: 196
                    sourceSize: Qt.size(196, 196)
                    fillMode: Image.PreserveAspectFit
                    smooth: false
                    source: sheet.request ? "image://qr/" + encodeURIComponent(sheet.request.link) : ""
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("QR code of the payment link")
                }
            }
            TextField {
                objectName: "requestLinkField"
                text: sheet.request ? sheet.request.link : ""
                readOnly: true
                selectByMouse: true
                color: Theme.text
                font.family: "DejaVu Sans Mono"
                font.pixelSize: Theme.fontCaption + 1
                horizontalAlignment: TextInput.AlignHCenter
                Accessible.name: qsTr("Payment link")
                Layout.fillWidth: true
                background: Rectangle { radius: Theme.radiusM; color: Theme.background; border.width: 1; border.color: Theme.border }
            }
            Label {
                visible: sheet.notice.length > 0
                text: sheet.notice
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                horizontalAlignment: Text.AlignHCenter
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacingS
                AppButton {
                    objectName: "copyLinkButton"
                    text: qsTr("Copy link")
                    iconName: "copy"
                    variant: "secondary"
                    Layout.fillWidth: true
                    onClicked: {
                        Desktop.copyText(sheet.request.link)
                        sheet.notice = qsTr("Link copied.")
                    }
                }
                AppButton {
                    objectName: "saveQrButton"
                    text: qsTr("Save QR code")
                    iconName: "download"
                    variant: "secondary"
                    Layout.fillWidth: true
                    onClicked: {
                        saveDialog.selectedFile = Desktop.suggestedFile("plaza-request-" + sheet.request.id + ".png")
                        saveDialog.open()
                    }
                }
            }
            AppButton {
                text: qsTr("Done")
                Layout.fillWidth: true
                onClicked: sheet.close()
            }
        }

        ColumnLayout {
            visible: sheet.step === "failed"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            InlineError { text: sheet.failure; Layout.fillWidth: true }
            AppButton { text: qsTr("Close"); Layout.alignment: Qt.AlignRight; onClicked: sheet.close() }
        }
    }
}
