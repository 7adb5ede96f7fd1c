// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// A FormField for a PIN, a passphrase or a password: a labelled field that hides what is typed,
// with an optional hint, an inline error and a trailing control (a show-password toggle).
//
// Not a TextField: over AT-SPI, Qt 6.4 gives a TextField in password mode no name and no
// description whatever its Accessible.name (screen readers said "password text" and nothing
// else; tests/e2e/tst_accessibility.cpp): the TextField sets Accessible.passwordEdit, and an
// item with that attached property set loses its name on the bus. A plain TextInput reports
// itself as a password field without it and keeps both. Same look and the same API as
// FormField (label, text, echoMode, error, hint, input, trailing, accepted()).
ColumnLayout {
    id: field

    property alias label: caption.text
    property alias text: input.text
    property string placeholderText: ""
    property alias echoMode: input.echoMode
    property alias inputMethodHints: input.inputMethodHints
    property alias validator: input.validator
    property alias maximumLength: input.maximumLength
    property alias input: input
    property string error: ""
    property string hint: ""
    property alias trailing: trailingSlot.data

    signal accepted()

    spacing: Theme.spacingXs

    function forceActiveFocus() { input.forceActiveFocus() }

    Label {
        id: caption
        color: Theme.text
        font.pixelSize: Theme.fontCaption + 1
        font.weight: Font.DemiBold
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }

    Rectangle {
        id: frame
        Layout.fillWidth: true
        implicitHeight: Theme.controlHeight
        radius: Theme.radiusM
        color: field.enabled ? Theme.surface : Theme.background
        border.width: input.activeFocus || field.error.length > 0 ? 2 : 1
        border.color: field.error.length > 0 ? Theme.danger
                                             : (input.activeFocus ? Theme.focusRing : Theme.borderStrong)

        TextInput {
            id: input
            anchors.left: parent.left
            anchors.right: trailingSlot.left
            anchors.leftMargin: Theme.spacingM
            anchors.rightMargin: Theme.spacingS
            anchors.verticalCenter: parent.verticalCenter
            echoMode: TextInput.Password
            activeFocusOnTab: true
            selectByMouse: true
            clip: true
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.pixelSize: Theme.fontBody
            inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
            Accessible.role: Accessible.EditableText
            Accessible.name: caption.text
            Accessible.description: field.error.length > 0 ? field.error : field.hint
            Accessible.focusable: true
            onAccepted: field.accepted()

            Text {
                anchors.fill: parent
                verticalAlignment: Text.AlignVCenter
                visible: input.text.length === 0 && !input.preeditText
                text: field.placeholderText
                color: Theme.textFaint
                font: input.font
                elide: Text.ElideRight
                textFormat: Text.PlainText
                Accessible.ignored: true
            }
        }
        // Clicks anywhere in the frame put the caret in the field.
        MouseArea {
            anchors.fill: parent
            z: -1
            cursorShape: Qt.IBeamCursor
            onPressed: mouse => { input.forceActiveFocus(); mouse.accepted = false }
        }

        Item {
            id: trailingSlot
            anchors.right: parent.right
            anchors.rightMargin: Theme.spacingXs
            anchors.verticalCenter: parent.verticalCenter
            width: childrenRect.width
            height: childrenRect.height
        }
    }

    Label {
        visible: text.length > 0
        text: field.error.length > 0 ? field.error : field.hint
        color: field.error.length > 0 ? Theme.danger : Theme.textMuted
        font.pixelSize: Theme.fontCaption
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
