// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Ctrl+K: jump to a conversation or a person by typing part of a name. Conversations (the
// cache's, filtered as the Chat tab filters them) come first, then people (the server's
// search, the cache's known people offline). Enter takes the first; arrows move the list.
Sheet {
    id: sheet
    objectName: "quickSwitcher"

    //! The people search is out (its answer will add rows).
    readonly property bool searching: people.loading
    //! A conversation was chosen.
    signal conversationChosen(string conversationId)
    //! A person was chosen: their direct conversation opens (made on the server if new).
    signal personChosen(string userId)

    title: qsTr("Go to")
    subtitle: qsTr("A conversation or a person")

    function start() {
        field.text = ""
        people.query = ""
        results.currentIndex = -1
        open()
    }
    //! Row \a i of the combined list: conversations first, then people.
    function choose(i) {
        if (i < 0)
            return
        const n = conversations.rowCount()
        if (i < n) {
            const id = conversations.get(i).id
            close()
            conversationChosen(id)
        } else if (i - n < people.count) {
            const person = people.get(i - n)
            close()
            personChosen(person.userId)
        }
    }
    onOpened: field.forceActiveFocus()

    ConversationsModel {
        id: conversations
        chat: App.chat
        filter: field.text
    }
    // The list below is rebuilt when the conversations change (both lists are short).
    property int revision: 0
    Connections {
        target: conversations
        function onModelReset() { sheet.revision++ }
        function onRowsInserted() { sheet.revision++ }
        function onRowsRemoved() { sheet.revision++ }
        function onRowsMoved() { sheet.revision++ }
        function onDataChanged() { sheet.revision++ }
    }
    PeopleSearchModel {
        id: people
        cache: App.session.cache
        api: App.session.api
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        TextField {
            id: field
            objectName: "quickSwitcherField"
            placeholderText: qsTr("Name or @handle")
            Accessible.name: qsTr("Go to a conversation or a person")
            color: Theme.text
            selectByMouse: true
            implicitHeight: 38
            leftPadding: 32
            Layout.fillWidth: true
            onTextEdited: {
                people.query = text.trim()
                results.currentIndex = -1
            }
            Keys.onDownPressed: { results.forceActiveFocus(); results.currentIndex = 0 }
            onAccepted: sheet.choose(Math.max(0, results.currentIndex))
            background: Rectangle {
                radius: Theme.radiusM
                color: Theme.background
                border.width: field.activeFocus ? 2 : 1
                border.color: field.activeFocus ? Theme.focusRing : Theme.border
                Icon { name: "search"; size: 16; color: Theme.textFaint; anchors.left: parent.left; anchors.leftMargin: 10; anchors.verticalCenter: parent.verticalCenter }
            }
        }
        ListView {
            id: results
            objectName: "quickSwitcherResults"
            clip: true
            implicitHeight: 300
            keyNavigationEnabled: true
            Layout.fillWidth: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Results")
            Keys.onReturnPressed: sheet.choose(currentIndex)
            Keys.onEnterPressed: sheet.choose(currentIndex)
            Keys.onUpPressed: event => {
                if (currentIndex <= 0)
                    field.forceActiveFocus()
                else
                    event.accepted = false
            }
            // Conversations, then the people the search found (a plain JS list, rebuilt when
            // either changes: both are small).
            model: {
                const rows = []
                void sheet.revision
                const n = conversations.rowCount()
                for (let i = 0; i < n; ++i) {
                    const m = conversations.get(i)
                    rows.push({ kind: "conversation", title: m.title, initials: m.initials,
                                detail: m.kind === "group" ? qsTr("Group") : qsTr("Conversation") })
                }
                for (let j = 0; j < people.count; ++j) {
                    const person = people.get(j)
                    rows.push({ kind: "person", title: person.displayName, detail: "@" + person.handle,
                                initials: person.initials })
                }
                return rows
            }
            delegate: ItemDelegate {
                Accessible.onPressAction: clicked() // a screen reader's Press (Qt 6.4 only signals it)
                id: row
                objectName: "quickSwitcherRow"
                required property var modelData
                required property int index
                width: ListView.view.width
                implicitHeight: 48
                highlighted: ListView.isCurrentItem && results.activeFocus
                focusPolicy: Qt.NoFocus
                Accessible.name: row.modelData.title + ", " + row.modelData.detail
                background: Rectangle {
                    radius: Theme.radiusM
                    color: row.highlighted ? Theme.selected : (row.hovered ? Theme.hover : "transparent")
                    FocusRing { shown: row.highlighted }
                }
                contentItem: RowLayout {
                    spacing: Theme.spacingM
                    Avatar { initials: row.modelData.initials; size: 30 }
                    Label {
                        text: row.modelData.title
                        color: Theme.text
                        font.weight: Font.DemiBold
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        text: row.modelData.detail
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.maximumWidth: 160
                    }
                }
                onClicked: sheet.choose(index)
            }
            Label {
                anchors.centerIn: parent
                width: parent.width
                visible: results.count === 0 && !people.loading
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: field.text.trim().length === 0 ? qsTr("No conversations yet.") : qsTr("No one matches “%1”.").arg(field.text.trim())
                color: Theme.textMuted
                textFormat: Text.PlainText
            }
        }
    }
}
