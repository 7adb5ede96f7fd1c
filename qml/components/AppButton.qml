// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// The one button of the app. `variant` is "primary" (one per screen), "secondary",
// "quiet" (text only) or "danger" (destructive confirmations).
Button {
    id: control

    property string variant: "primary"
    //! Shows a spinner and ignores clicks while an action runs.
    property bool busy: false
    property string iconName: ""
    //! Only the icon (where space is short); the text stays the accessible name and the tooltip.
    property bool iconOnly: false

    readonly property bool _filled: variant === "primary" || variant === "danger"
    readonly property color _fill: variant === "danger" ? Theme.danger
                                                        : (control.hovered ? Theme.accentHover : Theme.accent)
    readonly property color _ink: _filled ? Theme.accentText
                                          : (variant === "danger" ? Theme.danger : (variant === "quiet" ? Theme.accent : Theme.text))

    implicitHeight: Theme.controlHeight
    leftPadding: variant === "quiet" || (iconOnly && iconName.length > 0) ? Theme.spacingS : Theme.spacingL
    rightPadding: leftPadding
    font.pixelSize: Theme.fontBody
    font.weight: Font.DemiBold
    hoverEnabled: true
    Accessible.name: text
    ToolTip.visible: iconOnly && hovered && text.length > 0
    ToolTip.text: text

    // Return and Enter press a focused button, as Space does (Qt Quick Controls take only Space);
    // so do a screen reader's Press and Toggle actions (over AT-SPI, Qt 6.4 only signals them:
    // without these handlers Orca could not press any button).
    function activate() {
        if (!control.enabled || control.busy)
            return
        const group = control.ButtonGroup.group
        if (control.checkable && !(control.checked && group && group.exclusive))
            control.toggle()
        control.clicked()
    }
    Keys.onReturnPressed: activate()
    Keys.onEnterPressed: activate()
    Accessible.onPressAction: activate()
    Accessible.onToggleAction: activate()

    contentItem: Item {
        implicitWidth: content.implicitWidth
        implicitHeight: content.implicitHeight
        Row {
            id: content
            anchors.centerIn: parent
            spacing: Theme.spacingS
            Spinner {
                active: control.busy
                width: 18
                height: 18
                anchors.verticalCenter: parent.verticalCenter
                padding: 0
            }
            Icon {
                visible: !control.busy && control.iconName.length > 0
                name: control.iconName
                size: 18
                color: label.color
                // Dimmed with the label: an icon-only button must look disabled too.
                opacity: label.opacity
                anchors.verticalCenter: parent.verticalCenter
            }
            Text {
                id: label
                visible: !(control.iconOnly && control.iconName.length > 0)
                text: control.text
                font: control.font
                color: control._ink
                opacity: control.enabled ? 1 : 0.6
                textFormat: Text.PlainText
                elide: Text.ElideRight
                anchors.verticalCenter: parent.verticalCenter
            }
        }
    }

    background: Rectangle {
        implicitWidth: control.iconOnly && control.iconName.length > 0 ? control.implicitHeight : 96
        implicitHeight: Theme.controlHeight
        radius: Theme.radiusM
        color: control._filled ? control._fill
                               : (control.hovered || control.down ? Theme.hover : "transparent")
        opacity: control._filled && !control.enabled ? 0.55 : 1
        border.width: control.variant === "secondary" ? 1 : 0
        border.color: Theme.border

        FocusRing {
            shown: control.visualFocus
        }
    }
}
