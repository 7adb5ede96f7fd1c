// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The frame of every screen shown before the app itself: the brand, a title,
// a short explanation and one card holding the task, centred and scrollable.
Rectangle {
    id: frame

    property string title
    property string subtitle
    //! Lucide icon shown above the title instead of the logo (for notices).
    property string iconName: ""
    property color iconColor: Theme.accent
    property color iconBackground: Theme.accentSoft
    default property alias content: body.data

    color: Theme.background

    ScrollView {
        id: scroller
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: scroller.availableWidth
            spacing: 0

            Item { Layout.preferredHeight: Math.max(Theme.spacingXxl, (scroller.height - card.implicitHeight - header.implicitHeight) / 2 - Theme.spacingXxl) }

            ColumnLayout {
                id: header
                spacing: Theme.spacingM
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.formWidth + 2 * Theme.spacingXxl
                Layout.maximumWidth: Math.min(Theme.formWidth + 2 * Theme.spacingXxl,
                                              scroller.availableWidth - 2 * Theme.spacingL)
                Layout.bottomMargin: Theme.spacingXl

                BrandMark {
                    visible: frame.iconName.length === 0
                    size: 48
                    Layout.alignment: Qt.AlignHCenter
                }
                Rectangle {
                    visible: frame.iconName.length > 0
                    width: 56
                    height: 56
                    radius: 28
                    color: frame.iconBackground
                    Layout.alignment: Qt.AlignHCenter
                    Icon {
                        anchors.centerIn: parent
                        name: frame.iconName
                        size: 28
                        color: frame.iconColor
                    }
                }
                Label {
                    text: frame.title
                    color: Theme.text
                    font.pixelSize: Theme.fontHeadline
                    font.weight: Font.DemiBold
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Accessible.role: Accessible.Heading
                    Layout.fillWidth: true
                }
                Label {
                    visible: text.length > 0
                    text: frame.subtitle
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSubtitle - 1
                    lineHeight: 1.2
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
            }

            Card {
                id: card
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.formWidth + 2 * padding
                Layout.maximumWidth: scroller.availableWidth - 2 * Theme.spacingL
                implicitHeight: body.implicitHeight + 2 * padding

                ColumnLayout {
                    id: body
                    width: parent.width
                    spacing: Theme.spacingL
                }
            }

            Item { Layout.preferredHeight: Theme.spacingXxl }
        }
    }
}
