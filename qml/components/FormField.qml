// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// A labelled text field with an optional hint and an inline error under it.
ColumnLayout {
    id: field

    property alias label: caption.text
    property alias text: input.text
    property alias placeholderText: input.placeholderText
    property alias echoMode: input.echoMode
    property alias inputMethodHints: input.inputMethodHints
    property alias validator: input.validator
    property alias maximumLength: input.maximumLength
    property alias input: input
    //! Shown under the field in the error colour; the field gets a red border.
    property string error: ""
    property string hint: ""
    //! Extra control drawn inside the field on the right (e.g. a show-password toggle).
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

    TextField {
        id: input
        Layout.fillWidth: true
        implicitHeight: Theme.controlHeight
        color: Theme.text
        placeholderTextColor: Theme.textFaint
        selectionColor: Theme.accent
        selectedTextColor: Theme.accentText
        font.pixelSize: Theme.fontBody
        leftPadding: Theme.spacingM
        rightPadding: Theme.spacingM + trailingSlot.width
        selectByMouse: true
        Accessible.name: caption.text
        Accessible.description: field.error.length > 0 ? field.error : field.hint
        onAccepted: field.accepted()

        background: Rectangle {
            radius: Theme.radiusM
            color: input.enabled ? Theme.surface : Theme.background
            border.width: input.activeFocus || field.error.length > 0 ? 2 : 1
            border.color: field.error.length > 0 ? Theme.danger
                                                 : (input.activeFocus ? Theme.focusRing : Theme.borderStrong)
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
