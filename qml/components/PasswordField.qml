// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// A SecretField for passwords, with a button that shows or hides what was typed.
SecretField {
    id: field

    property bool revealed: false

    echoMode: revealed ? TextInput.Normal : TextInput.Password
    inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase

    trailing: ToolButton {
        Keys.onReturnPressed: clicked()
        Keys.onEnterPressed: clicked()
        Accessible.onPressAction: clicked()
        id: toggle
        width: 32
        height: 32
        focusPolicy: Qt.StrongFocus
        Accessible.name: field.revealed ? qsTr("Hide password") : qsTr("Show password")
        ToolTip.visible: hovered
        ToolTip.text: Accessible.name
        onClicked: field.revealed = !field.revealed
        contentItem: Item {
            Icon {
                anchors.centerIn: parent
                name: field.revealed ? "eye-off" : "eye"
                size: 18
                color: Theme.textMuted
            }
        }
        background: Rectangle {
            radius: Theme.radiusS
            color: toggle.hovered ? Theme.hover : "transparent"
            FocusRing { shown: toggle.visualFocus; ringRadius: Theme.radiusS }
        }
    }
}
