// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Reporting something with a reason and a note (docs/api.md "Safety", POST /v1/reports): a
// person, a message, a post or a payment request. One sheet for every kind: start() says what
// and whose. A request asked of the user can be declined in the same step ("Also decline this
// request"). Plaza's team reads reports; nobody else is told.
Sheet {
    id: sheet
    objectName: "reportSheet"

    //! What is reported: "user", "message", "post" or "payment_request".
    property string targetType: "user"
    property string targetId: ""
    //! Whose it is (a display name), for the title.
    property string ownerName: ""
    //! A payment request asked of the user that is still open: it may be declined too.
    property bool canDecline: false
    property bool busy: false
    property string error: ""

    //! Said once the server kept the report (\a declined: the request was declined too).
    signal reported(bool declined)

    //! Opens the sheet for \a type \a id of \a name; \a declinable: offer to decline the request.
    function start(type, id, name, declinable) {
        targetType = type
        targetId = id
        ownerName = name
        canDecline = declinable === true
        busy = false
        error = ""
        reasonChoice.currentIndex = type === "payment_request" ? 1 : 0
        noteField.text = ""
        declineBox.checked = false
        open()
    }

    title: targetType === "message" ? qsTr("Report a message from %1").arg(ownerName)
         : targetType === "post" ? qsTr("Report a post by %1").arg(ownerName)
         : targetType === "payment_request" ? qsTr("Report a request from %1").arg(ownerName)
         : qsTr("Report %1").arg(ownerName)
    subtitle: qsTr("Plaza's team reviews every report. %1 isn't told who reported them.").arg(ownerName)
    closable: !busy

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        Label {
            text: qsTr("Reason")
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
        }
        AppComboBox {
            id: reasonChoice
            objectName: "reportReason"
            Accessible.name: qsTr("Reason")
            textRole: "label"
            valueRole: "value"
            model: [
                { value: "spam", label: qsTr("Spam") },
                { value: "scam", label: qsTr("A scam or fraud") },
                { value: "abuse", label: qsTr("Harassment or abuse") },
                { value: "other", label: qsTr("Something else") }
            ]
            Layout.fillWidth: true
        }
        FormField {
            id: noteField
            objectName: "reportNote"
            label: qsTr("What happened (optional)")
            maximumLength: 500
            Layout.fillWidth: true
        }
        CheckBox {
            id: declineBox
            objectName: "reportDeclineBox"
            visible: sheet.canDecline
            text: qsTr("Also decline this request")
            Accessible.name: text
            Layout.fillWidth: true
            // Drawn with the Theme: the Basic style's box is all but invisible on the dark sheet.
            indicator: Rectangle {
                implicitWidth: 20
                implicitHeight: 20
                x: declineBox.leftPadding
                y: (declineBox.height - height) / 2
                radius: 4
                color: declineBox.checked ? Theme.accent : Theme.surface
                border.width: 1
                border.color: declineBox.checked ? Theme.accent : Theme.borderStrong
                Icon {
                    anchors.centerIn: parent
                    visible: declineBox.checked
                    name: "check"
                    size: 14
                    color: Theme.accentText
                }
                FocusRing { shown: declineBox.visualFocus; ringRadius: 4 }
            }
            contentItem: Label {
                text: declineBox.text
                color: Theme.text
                font.pixelSize: Theme.fontBody
                leftPadding: declineBox.indicator.width + Theme.spacingS
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
            }
        }
        InlineError { visible: sheet.error.length > 0; text: sheet.error; Layout.fillWidth: true }
        RowLayout {
            spacing: Theme.spacingS
            Item { Layout.fillWidth: true }
            AppButton {
                variant: "secondary"
                text: qsTr("Cancel")
                enabled: !sheet.busy
                onClicked: sheet.close()
            }
            AppButton {
                objectName: "sendReportButton"
                variant: "danger"
                text: qsTr("Report")
                busy: sheet.busy
                enabled: !sheet.busy && App.session.online && sheet.targetId.length > 0
                onClicked: {
                    sheet.busy = true
                    sheet.error = ""
                    App.safety.reportTarget(sheet.targetType, sheet.targetId, reasonChoice.currentValue,
                                            noteField.text.trim(), sheet.canDecline && declineBox.checked)
                }
            }
        }
    }

    Connections {
        target: App.safety
        enabled: sheet.busy
        function onDone(action, id) {
            if (action !== "report" || id !== sheet.targetId)
                return
            const declined = sheet.canDecline && declineBox.checked
            sheet.busy = false
            sheet.close()
            sheet.reported(declined)
        }
        function onFailed(action, id, code, detail) {
            if (action !== "report" || id !== sheet.targetId)
                return
            sheet.busy = false
            sheet.error = code === "network" ? qsTr("You're offline. This needs a connection.") : Errors.describe(code, detail)
        }
    }
}
