// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Shapes
import Plaza

// One or two lines over a faint grid. The values come in data units (x: a day or month index,
// y: an amount) with the ranges they span; the chart maps them to its pixels (the plot is
// plotHeight tall: the dates go under it), x growing rightwards and y upwards. The values and
// dates at the ends, when given, label the axes: the highest value top left and the lowest
// bottom right (where a rising line leaves room), the first and last dates under the plot.
Item {
    id: chart
    property var values: []
    property var secondValues: []
    property real xMin: 0
    property real xMax: 1
    property real yMin: 0
    property real yMax: 1
    // The lines in the plot's pixels.
    readonly property var points: toPixels(values)
    readonly property var secondPoints: toPixels(secondValues)
    property color lineColor: Theme.accent
    property color secondColor: Theme.success
    property string topLabel: ""
    property string bottomLabel: ""
    property string startLabel: ""
    property string endLabel: ""
    readonly property real plotHeight: Math.max(0, height - (dates.visible ? dates.height + Theme.spacingXs : 0))

    function toPixels(list) {
        const w = width
        const h = plotHeight
        if (!list || list.length === 0 || w < 2 || h <= 1)
            return []
        const xSpan = xMax - xMin
        const ySpan = yMax - yMin
        const out = []
        for (let i = 0; i < list.length; ++i) {
            const p = list[i]
            out.push(Qt.point(xSpan > 0 ? (p.x - xMin) / xSpan * w : w / 2,
                              ySpan > 0 ? h - (p.y - yMin) / ySpan * h : h))
        }
        return out
    }

    Item {
        id: plot
        width: chart.width
        height: chart.plotHeight

        Repeater {
            model: 4
            Rectangle {
                required property int index
                width: plot.width
                height: 1
                y: Math.round(plot.height * index / 3)
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
        Text {
            objectName: "chartTopLabel"
            visible: text.length > 0 && chart.points.length > 1
            text: chart.topLabel
            anchors { left: parent.left; top: parent.top; topMargin: 3 }
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption - 1
            font.family: Theme.moneyFont.family
            textFormat: Text.PlainText
        }
        Text {
            objectName: "chartBottomLabel"
            visible: text.length > 0 && chart.points.length > 1
            text: chart.bottomLabel
            anchors { right: parent.right; bottom: parent.bottom; bottomMargin: 3 }
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption - 1
            font.family: Theme.moneyFont.family
            textFormat: Text.PlainText
        }
    }
    Item {
        id: dates
        // Not from the values: the points are computed from plotHeight, which depends on this.
        visible: chart.startLabel.length > 0 || chart.endLabel.length > 0
        width: chart.width
        height: startText.implicitHeight
        anchors.bottom: parent.bottom
        Text {
            id: startText
            text: chart.startLabel
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption - 1
            textFormat: Text.PlainText
        }
        Text {
            anchors.right: parent.right
            text: chart.endLabel
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption - 1
            textFormat: Text.PlainText
        }
    }
}
