// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// The visible keyboard-focus outline drawn around a control's background.
Rectangle {
    //! Show the ring (bind to the control's visualFocus).
    property bool shown: false
    property int ringRadius: Theme.radiusM

    anchors.fill: parent
    anchors.margins: -3
    radius: ringRadius + 3
    color: "transparent"
    border.width: 2
    border.color: Theme.focusRing
    visible: shown
}
