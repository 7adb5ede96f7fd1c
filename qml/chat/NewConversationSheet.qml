// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Start (or reopen) a direct conversation: search people as you type, pick one.
Sheet {
    id: sheet
    objectName: "newConversationSheet"
    property string error: ""

    title: qsTr("New conversation")
    subtitle: qsTr("Who do you want to write to?")

    function start() {
        error = ""
        search.query = ""
        open()
    }
    onOpened: field.forceActiveFocus()

    PeopleSearchModel {
        id: search
        session: App.session
    }
    Connections {
        target: App.chat
        enabled: sheet.visible
        function onConversationOpened(id) { sheet.close() }
        function onConversationOpenFailed(code, message) { sheet.error = Errors.describe(code, "", App.session.serverUrl) }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        FormField {
            id: field
            objectName: "newConversationSearch"
            label: qsTr("Name or @handle")
            text: search.query
            input.onTextEdited: search.query = input.text
            Layout.fillWidth: true
            onAccepted: if (search.count > 0) App.chat.openConversationWith(search.get(0).userId)
        }
        ListView {
            model: search
            clip: true
            implicitHeight: 260
            Layout.fillWidth: true
            delegate: PersonRow {
                displayName: model.displayName
                handle: model.handle
                initials: model.initials
                merchant: model.kind === "merchant"
                onClicked: App.chat.openConversationWith(model.userId)
            }
            Label {
                anchors.centerIn: parent
                width: parent.width
                visible: !search.loading && search.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: search.query.trim().length === 0 ? qsTr("Start typing a name or a handle.") : qsTr("No one matches “%1”.").arg(search.query.trim())
                color: Theme.textMuted
            }
        }
        InlineError { text: sheet.error; Layout.fillWidth: true }
    }
}
