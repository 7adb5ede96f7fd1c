// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Shapes
import Plaza

// One or two lines over a faint grid, from points already in pixels (C++ computes them,
// one per pixel column at most, so ten years of days stay smooth).
Item {
    id: chart
    property var points: []
    property var secondPoints: []
    property color lineColor: Theme.accent
    property color secondColor: Theme.success

    Repeater {
        model: 4
        Rectangle {
            required property int index
            width: chart.width
            height: 1
            y: Math.round(chart.height * index / 3)
            color: Theme.border
            opacity: 0.6
        }
    }
    Shape {
        anchors.fill: parent
        antialiasing: true
        ShapePath {
            strokeColor: chart.lineColor
            strokeWidth: 2.5
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathPolyline { path: chart.points }
        }
        ShapePath {
            strokeColor: chart.secondPoints.length > 1 ? chart.secondColor : "transparent"
            strokeWidth: 2.5
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathPolyline { path: chart.secondPoints }
        }
    }
}
