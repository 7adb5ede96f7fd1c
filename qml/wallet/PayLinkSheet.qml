// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Pay a plaza://pay/<id> link — opened from the desktop, a second launch, or pasted.
// Shows who asks, how much and why; paying needs the app lock. A link that is malformed,
// unknown, cancelled or already paid says so plainly and pays nothing.
Sheet {
    id: sheet
    objectName: "payLinkSheet"

    required property QtObject summary

    property string step: "paste" // paste, loading, review, result, refused

    // The step that had the focus (the PIN field of the lock prompt) is hidden now: the

    // keyboard and screen readers go on from the outcome's Done button.

    onStepChanged: if (step === "result") Qt.callLater(() => doneButton.forceActiveFocus())
    property string link: ""
    property var request: null
    property string failure: ""
    property string outcome: ""
    //! Opened from a chat's request card rather than from a pasted link: titled as paying a request.
    property bool fromCard: false

    title: step === "result" ? (outcome === "completed" ? qsTr("Paid") : outcome === "awaiting" ? qsTr("Awaiting confirmation") : qsTr("Not paid"))
                             : fromCard ? qsTr("Pay a request") : qsTr("Pay a link")
    subtitle: step === "paste" ? qsTr("Paste a plaza://pay link someone sent you.")
            : step === "review" && request ? qsTr("%1 (@%2) asks you to pay").arg(request.payeeName).arg(request.payeeHandle) : ""
    closable: !App.wallet.busy

    function start(initialLink, openedFromCard) {
        fromCard = openedFromCard === true
        outcome = ""
        failure = ""
        request = null
        linkField.text = initialLink ? initialLink : ""
        open()
        if (initialLink)
            lookUp(initialLink)
        else
            step = "paste"
    }
    function lookUp(text) {
        link = text.trim()
        failure = ""
        step = "loading"
        App.wallet.lookUpLink(link)
    }

    onOpened: if (step === "paste") linkField.forceActiveFocus()

    Connections {
        target: App.wallet
        enabled: sheet.visible
        function onRequestLookedUp(request) {
            if (sheet.step !== "loading")
                return
            sheet.request = request
            if (request.own) {
                sheet.failure = qsTr("This is your own request. Send the link to the person who should pay it.")
                sheet.step = "refused"
            } else {
                sheet.step = "review"
                lockPrompt.reset()
            }
            App.pageSettled = true
        }
        function onRequestLookupFailed(code, reason) {
            if (sheet.step !== "loading")
                return
            sheet.failure = Errors.describeLink(reason, code, App.session.serverUrl)
            sheet.step = "refused"
            App.pageSettled = true
        }
        function onStepUpRequired(key, methods, why) {
            if (sheet.step !== "review")
                return
            sheet.step = "stepup"
            stepUpPrompt.ask(key, methods, why)
        }
        function onPaymentCompleted(key, transactionId) {
            if (sheet.step !== "review" && sheet.step !== "stepup")
                return
            sheet.outcome = "completed"
            sheet.step = "result"
        }
        function onPaymentAwaiting(key) {
            if (sheet.step !== "review" && sheet.step !== "stepup")
                return
            sheet.outcome = "awaiting"
            sheet.step = "result"
        }
        function onPaymentFailed(code, field) {
            if (sheet.step !== "review" && sheet.step !== "stepup")
                return
            sheet.outcome = "failed"
            sheet.failure = code === "conflict" ? Errors.describeLink("paid", code, "")
                                                : Errors.describe(code, field, App.session.serverUrl)
            sheet.step = "result"
        }
    }

    // One step at a time; a hidden step takes no room, so the sheet fits the step.
    contentItem: ColumnLayout {
        spacing: 0

        ColumnLayout {
            visible: sheet.step === "paste"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            FormField {
                id: linkField
                objectName: "payLinkField"
                label: qsTr("Payment link")
                placeholderText: "plaza://pay/…"
                maximumLength: 200
                Layout.fillWidth: true
                onAccepted: if (text.trim().length > 0) sheet.lookUp(text)
            }
            RowLayout {
                spacing: Theme.spacingS
                AppButton {
                    text: qsTr("Paste")
                    iconName: "copy"
                    variant: "secondary"
                    onClicked: linkField.text = Desktop.clipboardText()
                }
                Item { Layout.fillWidth: true }
                AppButton {
                    objectName: "openLinkButton"
                    text: qsTr("Continue")
                    enabled: linkField.text.trim().length > 0
                    onClicked: sheet.lookUp(linkField.text)
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
                    Avatar {
                        initials: sheet.request ? Format.initials(sheet.request.payeeName) : ""
                        size: 48
                        Layout.alignment: Qt.AlignHCenter
                    }
                    Label {
                        objectName: "payLinkAmount"
                        text: sheet.request ? sheet.request.formattedAmount : ""
                        color: Theme.text
                        font.family: Theme.moneyFont.family
                        font.pixelSize: Theme.fontDisplay
                        font.weight: Font.DemiBold
                        horizontalAlignment: Text.AlignHCenter
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        text: sheet.request ? qsTr("to %1 (@%2)").arg(sheet.request.payeeName).arg(sheet.request.payeeHandle) : ""
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: sheet.request && sheet.request.note.length > 0
                        text: sheet.request ? qsTr("“%1”").arg(sheet.request.note) : ""
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        font.italic: true
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: sheet.summary.loaded && sheet.request
                        text: sheet.request ? qsTr("From your wallet · %1 available").arg(sheet.summary.formattedAvailable) : ""
                        color: sheet.request && sheet.request.amountMinor > sheet.summary.availableMinor ? Theme.danger : Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                        horizontalAlignment: Text.AlignHCenter
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
            }
            LockPrompt {
                id: lockPrompt
                actionLabel: sheet.request ? qsTr("Pay %1").arg(sheet.request.formattedAmount) : ""
                enabled: !App.wallet.busy
                Layout.fillWidth: true
                onUnlocked: App.wallet.payByLink(sheet.link)
            }
        }

        // The server wants the password or a code first; nothing was paid yet.
        StepUpPrompt {
            id: stepUpPrompt
            visible: sheet.step === "stepup"
            actionLabel: sheet.request ? qsTr("Confirm and pay %1").arg(sheet.request.formattedAmount) : qsTr("Confirm")
            onCancelled: sheet.close()
        }

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
                text: sheet.outcome === "completed"
                      ? qsTr("You paid %1 to %2.").arg(sheet.request.formattedAmount).arg(sheet.request.payeeName)
                      : sheet.outcome === "awaiting"
                        ? qsTr("The server didn't answer in time. Plaza will retry with the same payment key until it does, so you can never pay this twice.")
                        : sheet.failure
                color: Theme.text
                font.pixelSize: Theme.fontBody
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            AppButton { id: doneButton; objectName: "payLinkDoneButton"; text: qsTr("Done"); Layout.alignment: Qt.AlignRight; onClicked: sheet.close() }
        }

        ColumnLayout {
            visible: sheet.step === "refused"
            Layout.fillWidth: true
            spacing: Theme.spacingM
            InlineError { objectName: "payLinkRefusal"; text: sheet.failure; Layout.fillWidth: true }
            RowLayout {
                AppButton {
                    text: qsTr("Try another link")
                    variant: "secondary"
                    onClicked: { sheet.step = "paste"; linkField.forceActiveFocus() }
                }
                Item { Layout.fillWidth: true }
                AppButton { text: qsTr("Close"); onClicked: sheet.close() }
            }
        }
    }
}
