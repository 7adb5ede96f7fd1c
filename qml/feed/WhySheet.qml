// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// "Why am I seeing this?": the terms of this post's Discover score (docs/ranking.md).
Sheet {
    id: sheet
    objectName: "whySheet"
    property var terms: []
    property real score: 0

    function show(t, s) {
        terms = t
        score = s
        open()
    }

    title: qsTr("Why am I seeing this?")
    subtitle: qsTr("Discover ranks posts on your device from three signals, and limits some. This post scored %1.")
              .arg(score.toLocaleString(Qt.locale(), "f", 2))

    function describe(term) {
        switch (term.name) {
        case "affinity": return qsTr("How close you are to the author (%1 of 1)").arg(term.input.toLocaleString(Qt.locale(), "f", 2))
        case "engagement": return qsTr("Likes, reposts and replies: %1").arg(term.input.toLocaleString(Qt.locale(), "f", 0))
        case "age": return qsTr("Age: %1 hours").arg(term.input.toLocaleString(Qt.locale(), "f", 1))
        case "reach": return term.input > 0 ? qsTr("Limited reach") : qsTr("Full reach")
        default: return term.name
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingS
        Repeater {
            model: sheet.terms
            RowLayout {
                required property var modelData
                Layout.fillWidth: true
                Label { text: sheet.describe(modelData); color: Theme.text; wrapMode: Text.Wrap; Layout.fillWidth: true; textFormat: Text.PlainText }
                Label {
                    text: (modelData.value >= 0 ? "+" : "") + modelData.value.toLocaleString(Qt.locale(), "f", 2)
                    color: modelData.value >= 0 ? Theme.success : Theme.danger
                    font.family: Theme.moneyFont.family
                    horizontalAlignment: Text.AlignRight
                    textFormat: Text.PlainText
                }
            }
        }
        Label {
            text: qsTr("score = 3 × closeness + log₂(1 + engagement) − hours ÷ 12 − 4 if limited")
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingS
        }
        AppButton { text: qsTr("Close"); Layout.alignment: Qt.AlignRight; onClicked: sheet.close() }
    }
}
