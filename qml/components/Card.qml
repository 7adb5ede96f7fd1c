// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// A raised surface that groups one task (a form, a notice).
Rectangle {
    default property alias content: inner.data
    property int padding: Theme.spacingXxl

    implicitWidth: inner.childrenRect.width + 2 * padding
    implicitHeight: inner.childrenRect.height + 2 * padding
    radius: Theme.radiusL
    color: Theme.surface
    border.width: 1
    border.color: Theme.border

    Item {
        id: inner
        anchors.fill: parent
        anchors.margins: parent.padding
    }
}
