// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// A list of people in Settings (BlockedSection, MutedSection): newest first, from the cache
// (so it shows offline, saying it may be out of date), asked of the server again by reload();
// loading, empty, offline and error states, and one action on each row, which needs the
// server. The wrapper gives the words, the model and what the action does (acted()).
ColumnLayout {
    id: section

    //! A PeopleListModel (BlocksModel, MutedPeopleModel).
    required property var people
    //! Names the parts for tests: <prefix>Offline, <prefix>Error, <prefix>Retry, <prefix>Empty,
    //! <prefix>Row_<userId>, <prefix>Note; the row's button is <actionPrefix><userId>.
    property string prefix
    property string actionPrefix
    property string loadingText
    property string offlineText      //!< offline, with rows
    property string offlineEmptyText //!< offline, none
    property string errorText
    property string emptyText
    property string actionText
    property string actionIcon
    //! The row's second line after "@handle · ": since (a date, or undefined) → text.
    property var sinceText: since => ""
    //! The action's accessible name: the person's name → text.
    property var actionName: name => actionText
    //! What the last action came to ("" for nothing).
    property string note: ""
    signal acted(string userId)

    function reload() {
        people.refresh()
    }

    spacing: Theme.spacingM
    Layout.fillWidth: true

    RowLayout {
        visible: section.people.loading && section.people.count === 0
        spacing: Theme.spacingS
        Spinner { active: parent.visible; implicitWidth: 24; implicitHeight: 24 }
        Label {
            text: section.loadingText
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
        }
    }

    // Offline, or the server could not be asked: what this device knows, said honestly.
    Label {
        objectName: section.prefix + "Offline"
        visible: !App.session.online
        text: section.people.count > 0 ? section.offlineText : section.offlineEmptyText
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    ColumnLayout {
        visible: App.session.online && section.people.error.length > 0 && !section.people.loading
        spacing: Theme.spacingS
        Layout.fillWidth: true
        InlineError {
            objectName: section.prefix + "Error"
            text: visible ? section.errorText : ""
            Layout.fillWidth: true
        }
        AppButton {
            objectName: section.prefix + "Retry"
            text: qsTr("Try again")
            iconName: "refresh-cw"
            variant: "secondary"
            onClicked: section.reload()
        }
    }

    Label {
        objectName: section.prefix + "Empty"
        visible: section.people.count === 0 && !section.people.loading
        text: section.emptyText
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
    }

    Repeater {
        model: section.people
        delegate: SettingRow {
            id: personRow
            required property string userId
            required property string handle
            required property string name
            required property var since
            objectName: section.prefix + "Row_" + userId
            title: name
            detail: (handle.length > 0 ? "@" + handle + " · " : "") + section.sinceText(since)
            AppButton {
                objectName: section.actionPrefix + personRow.userId
                text: section.actionText
                iconName: section.actionIcon
                variant: "secondary"
                Accessible.name: section.actionName(personRow.name)
                Accessible.description: App.session.online ? "" : qsTr("Needs a connection")
                enabled: App.session.online
                onClicked: {
                    section.note = ""
                    section.acted(personRow.userId)
                }
            }
        }
    }

    Label {
        objectName: section.prefix + "Note"
        visible: section.note.length > 0
        text: section.note
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
