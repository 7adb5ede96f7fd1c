// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Start (or reopen) a direct conversation — search people as you type, pick one — or make
// a group: a title and the people in it (picked from the same search, shown as chips).
Sheet {
    id: sheet
    objectName: "newConversationSheet"
    property string error: ""
    property bool group: false
    property bool busy: false
    //! The people picked for the group: [{userId, displayName, handle}].
    property var members: []
    readonly property int titleLength: titleField.text.trim().length
    readonly property bool canCreate: titleLength > 0 && titleLength <= 100 && members.length > 0 && !busy

    title: group ? qsTr("New group") : qsTr("New conversation")
    subtitle: group ? qsTr("Give it a name and add the people in it.") : qsTr("Who do you want to write to?")
    closable: !busy

    function start(asGroup) {
        error = ""
        busy = false
        group = asGroup === true
        members = []
        titleField.text = ""
        search.query = ""
        open()
    }
    function isMember(userId) {
        return members.some(m => m.userId === userId)
    }
    function toggle(person) {
        if (isMember(person.userId))
            members = members.filter(m => m.userId !== person.userId)
        else if (members.length < 49)
            members = members.concat([{ userId: person.userId, displayName: person.displayName, handle: person.handle }])
    }
    function pick(person) {
        error = ""
        if (group) {
            toggle(person)
        } else {
            busy = true
            App.chat.openConversationWith(person.userId)
        }
    }
    function create() {
        if (!canCreate)
            return
        error = ""
        busy = true
        App.chat.startGroup(titleField.text, members.map(m => m.userId))
    }
    onOpened: group ? titleField.forceActiveFocus() : field.forceActiveFocus()

    PeopleSearchModel {
        id: search
        cache: App.session.cache
        api: App.session.api
    }
    Connections {
        target: App.chat
        enabled: sheet.visible
        function onConversationOpened(id) { sheet.busy = false; sheet.close() }
        function onConversationOpenFailed(code, field) {
            sheet.busy = false
            sheet.error = Errors.describe(code, field, App.session.serverUrl)
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            AppButton {
                objectName: "directModeButton"
                text: qsTr("Direct message")
                variant: sheet.group ? "quiet" : "secondary"
                iconName: "message-circle"
                Accessible.name: qsTr("Direct message")
                Accessible.checkable: true
                Accessible.checked: !sheet.group
                onClicked: { sheet.group = false; sheet.error = ""; field.forceActiveFocus() }
            }
            AppButton {
                objectName: "groupModeButton"
                text: qsTr("Group")
                variant: sheet.group ? "secondary" : "quiet"
                iconName: "users"
                Accessible.name: qsTr("Group")
                Accessible.checkable: true
                Accessible.checked: sheet.group
                onClicked: { sheet.group = true; sheet.error = ""; titleField.forceActiveFocus() }
            }
            Item { Layout.fillWidth: true }
        }
        FormField {
            id: titleField
            objectName: "groupTitleField"
            visible: sheet.group
            label: qsTr("Group name")
            maximumLength: 100
            hint: sheet.titleLength > 90 ? qsTr("%n character(s) left", "", 100 - sheet.titleLength) : ""
            Layout.fillWidth: true
            onAccepted: field.forceActiveFocus()
        }
        // The people picked so far, each removable.
        Flow {
            visible: sheet.group && sheet.members.length > 0
            spacing: Theme.spacingXs
            Layout.fillWidth: true
            Repeater {
                model: sheet.members
                delegate: AppButton {
                    required property var modelData
                    text: modelData.displayName
                    iconName: "x"
                    variant: "secondary"
                    implicitHeight: 28
                    Accessible.name: qsTr("Remove %1").arg(modelData.displayName)
                    onClicked: sheet.toggle(modelData)
                }
            }
        }
        FormField {
            id: field
            objectName: "newConversationSearch"
            label: sheet.group ? qsTr("Add people") : qsTr("Name or @handle")
            text: search.query
            input.onTextEdited: search.query = input.text
            Layout.fillWidth: true
            onAccepted: if (search.count > 0) sheet.pick(search.get(0))
        }
        ListView {
            id: people
            objectName: "newConversationResults"
            model: search
            clip: true
            implicitHeight: sheet.group ? 200 : 260
            Layout.fillWidth: true
            delegate: PersonRow {
                required property var model
                displayName: model.displayName
                handle: model.handle
                initials: model.initials
                merchant: model.kind === "merchant"
                selectable: sheet.group
                selected: sheet.group && sheet.isMember(model.userId)
                enabled: !sheet.busy
                onClicked: sheet.pick({ userId: model.userId, displayName: model.displayName, handle: model.handle })
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
        AppButton {
            objectName: "createGroupButton"
            visible: sheet.group
            text: sheet.members.length > 0 ? qsTr("Create group with %n member(s)", "", sheet.members.length) : qsTr("Create group")
            enabled: sheet.canCreate && App.session.online
            busy: sheet.busy
            Layout.fillWidth: true
            onClicked: sheet.create()
        }
        Label {
            visible: !App.session.online
            text: qsTr("You're offline. Conversations are started on the server, so this waits until you're back.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
