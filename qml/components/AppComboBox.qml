// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// The one dropdown of the app: every colour comes from the Theme, so a theme switch repaints
// the open list too, and the chosen row keeps readable text (the Basic style draws the
// highlighted row with highlightedText on `light`, which the app's palette makes the same
// colour: the selected value showed as a blank row).
ComboBox {
    id: box

    implicitHeight: Theme.controlHeight
    font.pixelSize: Theme.fontBody
    hoverEnabled: true

    contentItem: Label {
        leftPadding: Theme.spacingM
        rightPadding: box.indicator.width + Theme.spacingS
        text: box.displayText
        font: box.font
        color: Theme.text
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        textFormat: Text.PlainText
    }

    indicator: Icon {
        x: box.width - width - Theme.spacingM
        y: (box.height - height) / 2
        name: "chevron-down"
        size: 16
        color: Theme.textMuted
    }

    background: Rectangle {
        implicitWidth: 150
        radius: Theme.radiusM
        color: box.hovered ? Theme.hover : Theme.surface
        border.width: box.visualFocus ? 2 : 1
        border.color: box.visualFocus ? Theme.focusRing : Theme.border
    }

    delegate: ItemDelegate {
        id: option
        readonly property int itemIndex: index
        width: ListView.view.width
        highlighted: box.highlightedIndex === option.itemIndex
        hoverEnabled: box.hoverEnabled
        text: box.textRole ? (Array.isArray(box.model) ? modelData[box.textRole] : model[box.textRole]) : modelData
        Accessible.name: text
        contentItem: Label {
            text: option.text
            font.pixelSize: Theme.fontBody
            font.weight: box.currentIndex === option.itemIndex ? Font.DemiBold : Font.Normal
            color: Theme.text
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideRight
            textFormat: Text.PlainText
        }
        background: Rectangle {
            color: option.down ? Theme.selected : (option.highlighted || option.hovered ? Theme.hover : "transparent")
        }
    }

    // The list is as wide as its longest option needs (never cut to "Rechargement par ca…"),
    // at least the box's width, kept inside the window by the popup's margins.
    FontMetrics { id: optionMetrics; font.pixelSize: Theme.fontBody; font.weight: Font.DemiBold }
    readonly property real widestOption: {
        let widest = 0
        void box.model // a new list of the same length (another language) measures again
        for (let i = 0; i < count; ++i)
            widest = Math.max(widest, optionMetrics.advanceWidth(textAt(i)))
        return Math.ceil(widest)
    }

    popup: Popup {
        y: box.height + Theme.spacingXs
        // 12 + 12: the ItemDelegate's padding; a little more so nothing rounds into an ellipsis.
        width: Math.max(box.width, box.widestOption + 24 + leftPadding + rightPadding + 8)
        leftMargin: Theme.spacingS
        rightMargin: Theme.spacingS
        height: Math.min(contentItem.implicitHeight + topPadding + bottomPadding,
                         box.Window.height - topMargin - bottomMargin)
        topMargin: Theme.spacingS
        bottomMargin: Theme.spacingS
        padding: Theme.spacingXs
        contentItem: ListView {
            clip: true
            implicitHeight: contentHeight
            model: box.delegateModel
            currentIndex: box.highlightedIndex
            highlightMoveDuration: 0
            ScrollIndicator.vertical: ScrollIndicator {}
        }
        background: Rectangle {
            radius: Theme.radiusM
            color: Theme.surfaceRaised
            border.width: 1
            border.color: Theme.border
        }
    }
}
