// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls.impl as Impl
import Plaza

// A Lucide icon, tinted with one colour (Lucide draws with currentColor strokes;
// IconImage recolours every opaque pixel, which is what currentColor means here).
Item {
    id: icon

    //! The Lucide name, e.g. "wallet".
    property string name
    property int size: Theme.iconSize
    property color color: Theme.text

    implicitWidth: size
    implicitHeight: size
    Accessible.ignored: true

    Impl.IconImage {
        anchors.fill: parent
        source: icon.name.length > 0 ? Theme.icon(icon.name) : ""
        sourceSize: Qt.size(icon.size, icon.size)
        color: icon.color
    }
}
