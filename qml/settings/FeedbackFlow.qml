// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Plaza
import Plaza.Desktop

// "Send feedback": writes a report (version, system, Qt, recent log lines — scrubbed of
// tokens, keys, amounts and message text) to a file the tester chooses and attaches.
Item {
    id: flow

    function start() {
        saveDialog.selectedFile = Desktop.suggestedFile("plaza-feedback.txt")
        saveDialog.open()
    }

    FileDialog {
        id: saveDialog
        objectName: "feedbackDialog"
        onVisibleChanged: if (visible) App.pageSettled = true // --page feedback
        title: qsTr("Save a feedback report")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save") // the non-native dialog says "Open" otherwise
        nameFilters: [qsTr("Text files (*.txt)")]
        defaultSuffix: "txt"
        onAccepted: {
            const error = Desktop.writeFeedback(selectedFile)
            notice.text = error.length > 0 ? Errors.describe(error, "", "")
                                           : qsTr("Report saved. Attach it to your message; it holds no tokens, keys, amounts or message text.")
            notice.open()
        }
    }

    ToolTip {
        id: notice
        parent: Overlay.overlay
        timeout: 6000
        x: parent ? (parent.width - width) / 2 : 0
        y: parent ? parent.height - height - Theme.spacingXl : 0
    }
}
