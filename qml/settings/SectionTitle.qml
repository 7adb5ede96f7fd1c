// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

Label {
    color: Theme.textMuted
    font.pixelSize: Theme.fontCaption
    font.weight: Font.DemiBold
    font.capitalization: Font.AllUppercase
    font.letterSpacing: 0.6
    textFormat: Text.PlainText
    topPadding: Theme.spacingM
    Accessible.role: Accessible.Heading
    Layout.fillWidth: true
}
