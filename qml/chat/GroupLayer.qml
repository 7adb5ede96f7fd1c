// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Managing a group (issue 17, docs/api.md "Groups"): the sheets the header's "…" menu opens
// for a group (SafetyLayer has the entries): Members (each with their role; admins add people
// and remove members), Rename group… and Leave group (asked first). App.groups talks to the
// server; what it answers reaches the conversation list and the messages (the system lines)
// through the cache.
Item {
    id: groupLayer

    //! The open conversation's id.
    property string conversationId: ""
    //! The open conversation's MessagesModel (SafetyLayer.messages): kind, title, membership, admin.
    property var info: null
    //! What says what was done or failed at the bottom of the conversation (say(text, isError)).
    property var notes: null
    function say(text, isError) {
        if (notes)
            notes.say(text, isError)
    }

    readonly property bool group: info !== null && info.kind === "group"
    readonly property bool member: info !== null && info.membership === "member"
    readonly property bool admin: info !== null && info.admin === true
    readonly property string offlineReason: App.session.online ? "" : qsTr("Needs a connection")

    //! The members from the cache (App.groups.members), read again when the sheet opens and
    //! after every change.
    property var members: []
    function reloadMembers() {
        members = conversationId.length > 0 && App.groups ? App.groups.members(conversationId) : []
    }
    onInfoChanged: reloadMembers()
    onConversationIdChanged: reloadMembers()
    // The members reach the cache with the conversation (a first sync, someone added or
    // removed on another device): read them again whenever its header changes, or "@" would
    // offer nobody until the sheet is opened.
    Connections {
        target: groupLayer.info
        function onTitleChanged() { groupLayer.reloadMembers() }
    }
    //! Whom "@" may mention in the composer: the other members ([{handle, name}]).
    readonly property var mentionable: members.filter(m => !m.self).map(m => ({ handle: m.handle, name: m.name }))

    function openMembers() {
        reloadMembers()
        membersSheet.error = ""
        membersSheet.open()
    }
    function openRename() {
        renameSheet.busy = false
        renameSheet.error = ""
        renameField.text = groupLayer.info ? groupLayer.info.title : ""
        renameSheet.open()
    }
    function openLeave() {
        leaveSheet.busy = false
        leaveSheet.open()
    }

    Sheet {
        id: membersSheet
        objectName: "membersSheet"
        property string error: ""
        title: qsTr("Members")
        subtitle: qsTr("%n member(s)", "", groupLayer.members.length)
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            AppButton {
                objectName: "addPeopleButton"
                visible: groupLayer.admin && groupLayer.member
                text: qsTr("Add people…")
                iconName: "user-plus"
                variant: "secondary"
                enabled: App.session.online
                Layout.fillWidth: true
                onClicked: { addSheet.start(); }
            }
            ListView {
                id: memberList
                objectName: "membersList"
                model: groupLayer.members
                clip: true
                implicitHeight: Math.min(360, Math.max(60, contentHeight))
                Layout.fillWidth: true
                activeFocusOnTab: count > 0
                keyNavigationEnabled: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Members")
                delegate: ItemDelegate {
                    id: memberRow
                    objectName: "memberRow"
                    required property var modelData
                    required property int index
                    width: ListView.view.width
                    focusPolicy: Qt.NoFocus
                    Accessible.name: modelData.name + ", @" + modelData.handle
                                     + (modelData.role === "admin" ? ", " + qsTr("admin") : "")
                    background: Rectangle {
                        radius: Theme.radiusM
                        color: memberRow.hovered ? Theme.hover : "transparent"
                        FocusRing { shown: memberRow.ListView.isCurrentItem && memberList.activeFocus }
                    }
                    contentItem: RowLayout {
                        spacing: Theme.spacingM
                        Avatar { initials: (memberRow.modelData.name || "?").substring(0, 1).toUpperCase(); size: 32 }
                        ColumnLayout {
                            spacing: 0
                            Layout.fillWidth: true
                            Label {
                                text: memberRow.modelData.self ? qsTr("%1 (you)").arg(memberRow.modelData.name) : memberRow.modelData.name
                                color: Theme.text
                                font.weight: Font.DemiBold
                                textFormat: Text.PlainText
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: "@" + memberRow.modelData.handle
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontCaption
                                textFormat: Text.PlainText
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        Label {
                            objectName: "memberRole"
                            visible: memberRow.modelData.role === "admin"
                            text: qsTr("Admin")
                            color: Theme.accent
                            font.pixelSize: Theme.fontCaption
                            font.weight: Font.DemiBold
                        }
                        AppButton {
                            objectName: "removeMemberButton"
                            visible: groupLayer.admin && groupLayer.member && !memberRow.modelData.self
                            text: qsTr("Remove")
                            variant: "quiet"
                            implicitHeight: 28
                            enabled: App.session.online
                            Accessible.name: qsTr("Remove %1").arg(memberRow.modelData.name)
                            onClicked: App.groups.removeMember(groupLayer.conversationId, memberRow.modelData.id)
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    width: parent.width
                    visible: memberList.count === 0
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: qsTr("No members to show yet.")
                    color: Theme.textMuted
                }
            }
            InlineError { text: membersSheet.error; visible: membersSheet.error.length > 0; Layout.fillWidth: true }
            Label {
                visible: !App.session.online
                text: qsTr("You're offline. Members are changed on the server, so this waits until you're back.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }

    Sheet {
        id: addSheet
        objectName: "addPeopleSheet"
        property bool busy: false
        property string error: ""
        title: qsTr("Add people")
        subtitle: groupLayer.info ? groupLayer.info.title : ""
        closable: !busy
        function start() {
            busy = false
            error = ""
            search.query = ""
            open()
        }
        PeopleSearchModel {
            id: search
            cache: App.session.cache
            api: App.session.api
        }
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            FormField {
                id: addField
                objectName: "addPeopleSearch"
                label: qsTr("Name or @handle")
                text: search.query
                input.onTextEdited: search.query = input.text
                Layout.fillWidth: true
            }
            ListView {
                id: people
                objectName: "addPeopleResults"
                model: search
                clip: true
                implicitHeight: 240
                Layout.fillWidth: true
                delegate: PersonRow {
                    required property var model
                    displayName: model.displayName
                    handle: model.handle
                    initials: model.initials
                    merchant: model.kind === "merchant"
                    enabled: !addSheet.busy && App.session.online
                    onClicked: {
                        addSheet.busy = true
                        addSheet.error = ""
                        App.groups.addMembers(groupLayer.conversationId, [model.userId])
                    }
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
            InlineError { text: addSheet.error; visible: addSheet.error.length > 0; Layout.fillWidth: true }
        }
    }

    Sheet {
        id: renameSheet
        objectName: "renameGroupSheet"
        property bool busy: false
        property string error: ""
        title: qsTr("Rename group")
        closable: !busy
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            FormField {
                id: renameField
                objectName: "renameGroupField"
                label: qsTr("Group name")
                maximumLength: 100
                Layout.fillWidth: true
                onAccepted: renameButton.clicked()
            }
            InlineError { text: renameSheet.error; visible: renameSheet.error.length > 0; Layout.fillWidth: true }
            RowLayout {
                spacing: Theme.spacingS
                Item { Layout.fillWidth: true }
                AppButton {
                    variant: "secondary"
                    text: qsTr("Cancel")
                    enabled: !renameSheet.busy
                    onClicked: renameSheet.close()
                }
                AppButton {
                    id: renameButton
                    objectName: "renameGroupButton"
                    text: qsTr("Rename")
                    busy: renameSheet.busy
                    enabled: !renameSheet.busy && App.session.online && renameField.text.trim().length > 0
                    onClicked: {
                        if (!enabled)
                            return
                        renameSheet.busy = true
                        renameSheet.error = ""
                        App.groups.renameGroup(groupLayer.conversationId, renameField.text.trim())
                    }
                }
            }
        }
    }

    Sheet {
        id: leaveSheet
        objectName: "leaveGroupSheet"
        property bool busy: false
        title: qsTr("Leave %1?").arg(groupLayer.info ? groupLayer.info.title : "")
        subtitle: qsTr("You'll keep the messages up to now, but you won't get new ones or be able to write here. An admin can add you back.")
        closable: !busy
        contentItem: RowLayout {
            spacing: Theme.spacingS
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "cancelLeaveButton"
                variant: "secondary"
                text: qsTr("Cancel")
                enabled: !leaveSheet.busy
                onClicked: leaveSheet.close()
            }
            AppButton {
                objectName: "confirmLeaveButton"
                variant: "danger"
                text: qsTr("Leave group")
                busy: leaveSheet.busy
                enabled: !leaveSheet.busy && App.session.online
                onClicked: {
                    leaveSheet.busy = true
                    App.groups.leaveGroup(groupLayer.conversationId)
                }
            }
        }
    }

    Connections {
        target: App.groups
        function onMembersChanged(id) {
            if (id === groupLayer.conversationId)
                groupLayer.reloadMembers()
        }
        // An add or a remove has written the members before it is done: onMembersChanged
        // above has read them again already.
        function onDone(action, id) {
            if (id !== groupLayer.conversationId)
                return
            if (action === "rename") {
                renameSheet.busy = false
                renameSheet.close()
                groupLayer.say(qsTr("Group renamed."), false)
            } else if (action === "add") {
                addSheet.busy = false
                addSheet.close()
                groupLayer.say(qsTr("Added to the group."), false)
            } else if (action === "remove") {
                groupLayer.say(qsTr("Removed from the group."), false)
            } else if (action === "leave") {
                leaveSheet.busy = false
                leaveSheet.close()
                membersSheet.close()
                groupLayer.say(qsTr("You left the group."), false)
            }
        }
        function onFailed(action, id, code, detail) {
            const text = code === "network" ? qsTr("You're offline. This needs a connection.")
                       : detail === "not_admin" ? qsTr("Only an admin of this group can do that.")
                       : Errors.describe(code, detail)
            if (action === "rename" && renameSheet.visible) {
                renameSheet.busy = false
                renameSheet.error = text
            } else if (action === "add" && addSheet.visible) {
                addSheet.busy = false
                addSheet.error = text
            } else if (action === "remove" && membersSheet.visible) {
                membersSheet.error = text
            } else {
                leaveSheet.busy = false
                leaveSheet.close()
                groupLayer.say(text, true)
            }
        }
    }
}
