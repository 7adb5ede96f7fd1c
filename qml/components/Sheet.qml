// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// A modal sheet for one task (send, request, pay a link, details): a title, a close
// button, the content, and Escape to close. The app's dialogs all look like this.
Dialog {
    id: sheet

    //! Shown under the title in the muted colour.
    property string subtitle: ""
    //! False while an action runs, so a half-sent payment cannot be dismissed by accident.
    property bool closable: true

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(480, parent ? parent.width - 2 * Theme.spacingXl : 480)
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.spacingXl : implicitHeight)
    modal: true
    focus: true
    padding: Theme.spacingXl
    topPadding: Theme.spacingL
    closePolicy: closable ? (Popup.CloseOnEscape | Popup.CloseOnPressOutside) : Popup.NoAutoClose

    Overlay.modal: Rectangle { color: Theme.scrim }

    // Layouts whose content changed while the sheet was closed (the language switched, say)
    // kept their old sizes: Qt 6.4 drops the polish of a layout outside the window, and a
    // translated button was cut to its English width (e2e_tour). Lay everything out again.
    onAboutToShow: polishTree(contentItem)
    function polishTree(item) {
        for (let i = 0; i < item.children.length; ++i)
            polishTree(item.children[i])
        item.ensurePolished()
    }

    // A sheet opens with the keyboard (and a screen reader) on its first control, unless it
    // put the focus somewhere itself (the send sheet's search field).
    onOpened: Qt.callLater(sheet.focusFirstControl)
    function focusFirstControl() {
        if (!sheet.opened || !sheet.contentItem)
            return
        const popupItem = sheet.contentItem.parent
        const within = item => {
            for (let p = item; p; p = p.parent) {
                if (p === popupItem)
                    return true
            }
            return false
        }
        // Only while the focus is nowhere, on the sheet itself or left behind in the window:
        // a control of this sheet, or another popup opened from it since (a date picker),
        // keeps it.
        const focused = sheet.contentItem.Window.activeFocusItem
        let inOverlay = false
        for (let p = focused; p; p = p.parent) {
            if (p === sheet.parent)
                inOverlay = true
        }
        if (focused && focused !== popupItem && (within(focused) || inOverlay))
            return
        const first = sheet.contentItem.nextItemInFocusChain(true)
        if (first && within(first))
            first.forceActiveFocus()
    }

    enter: Transition {
        NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Theme.animationFast }
        NumberAnimation { property: "scale"; from: 0.97; to: 1; duration: Theme.animationFast; easing.type: Easing.OutCubic }
    }
    exit: Transition {
        NumberAnimation { property: "opacity"; from: 1; to: 0; duration: Theme.animationFast }
    }

    background: Rectangle {
        radius: Theme.radiusL
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.border
    }

    header: RowLayout {
        spacing: Theme.spacingS
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingXl
            Layout.topMargin: Theme.spacingXl
            Label {
                text: sheet.title
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Accessible.role: Accessible.Heading
            }
            Label {
                visible: sheet.subtitle.length > 0
                text: sheet.subtitle
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
        ToolButton {
            Keys.onReturnPressed: clicked()
            Keys.onEnterPressed: clicked()
            Accessible.onPressAction: clicked()
            objectName: "sheetCloseButton"
            enabled: sheet.closable
            Layout.alignment: Qt.AlignTop
            Layout.topMargin: Theme.spacingL
            Layout.rightMargin: Theme.spacingL
            Accessible.name: qsTr("Close")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Close (Esc)")
            contentItem: Icon { name: "x"; size: 18; color: Theme.textMuted }
            background: Rectangle {
                implicitWidth: 32
                implicitHeight: 32
                radius: Theme.radiusS
                color: parent.hovered ? Theme.hover : "transparent"
                FocusRing { shown: parent.parent.visualFocus }
            }
            onClicked: sheet.close()
        }
    }
}
