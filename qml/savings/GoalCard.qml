// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// One goal: its progress, deadline and whether the projection says it is on track.
Rectangle {
    id: card
    //! One row of the GoalsModel (a delegate's `model`, or GoalsModel.get()): its roles.
    required property var goal
    property bool actionsEnabled: true
    readonly property bool hasDeadline: !!goal.deadline
    signal addRequested()
    signal withdrawRequested()
    signal editRequested()

    radius: Theme.radiusL
    color: Theme.surface
    border.width: 1
    border.color: Theme.border
    implicitHeight: column.implicitHeight + 2 * Theme.spacingL
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("%1: %2 of %3").arg(goal.name).arg(goal.formattedSaved).arg(goal.formattedTarget)

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingS
        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            Label {
                text: card.goal.name
                color: Theme.text
                font.pixelSize: Theme.fontSubtitle
                font.weight: Font.DemiBold
                elide: Text.ElideRight
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Rectangle {
                visible: card.hasDeadline || card.goal.savedMinor >= card.goal.targetMinor
                radius: height / 2
                color: card.goal.onTrack ? Theme.accentSoft : Theme.dangerSoft
                implicitWidth: trackLabel.implicitWidth + Theme.spacingM
                implicitHeight: trackLabel.implicitHeight + 4
                Label {
                    id: trackLabel
                    anchors.centerIn: parent
                    text: card.goal.status === "reached" ? qsTr("Reached")
                          : card.goal.status === "started" ? qsTr("Just started")
                          : card.goal.status === "overdue" ? qsTr("Overdue")
                          : card.goal.onTrack ? qsTr("On track") : qsTr("Behind")
                    color: card.goal.onTrack ? Theme.accent : Theme.danger
                    font.pixelSize: Theme.fontCaption - 1
                    font.weight: Font.DemiBold
                    textFormat: Text.PlainText
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: card.goal.formattedSaved
                color: Theme.text
                font.family: Theme.moneyFont.family
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
            }
            Label {
                text: qsTr("of %1").arg(card.goal.formattedTarget)
                color: Theme.textMuted
                font.family: Theme.moneyFont.family
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
        }
        Rectangle {
            implicitHeight: 8
            radius: 4
            color: Theme.hover
            Layout.fillWidth: true
            Rectangle {
                width: parent.width * card.goal.progress
                height: parent.height
                radius: 4
                color: card.goal.onTrack || !card.hasDeadline ? Theme.accent : Theme.danger
            }
        }
        Label {
            text: {
                const parts = []
                if (card.hasDeadline) {
                    parts.push(qsTr("By %1").arg(Time.date(card.goal.deadline, true)))
                    if (card.goal.monthsLeft > 0 && card.goal.daysLeft > 0)
                        //: "6 months and 8 days left": the two halves are translated apart for their plurals
                        parts.push(qsTr("%1 and %2 left").arg(qsTr("%n month(s)", "", card.goal.monthsLeft))
                                                          .arg(qsTr("%n day(s)", "", card.goal.daysLeft)))
                    else if (card.goal.monthsLeft > 0)
                        parts.push(qsTr("%n month(s) left", "", card.goal.monthsLeft))
                    else if (card.goal.status !== "overdue")
                        parts.push(qsTr("%n day(s) left", "", card.goal.daysLeft))
                }
                if (card.goal.formattedMonthlyNeeded)
                    parts.push(qsTr("add %1 now and on the 1st of each month to get there").arg(card.goal.formattedMonthlyNeeded))
                else if (card.goal.formattedProjected)
                    parts.push(qsTr("interest alone takes it to %1").arg(card.goal.formattedProjected))
                return parts.join(" · ")
            }
            visible: text.length > 0
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        // Cards in a row share the tallest one's height: the actions line up at the bottom.
        Item { Layout.fillHeight: true }
        RowLayout {
            spacing: Theme.spacingXs
            AppButton {
                text: qsTr("Add")
                variant: "secondary"
                implicitHeight: 32
                enabled: card.actionsEnabled
                onClicked: card.addRequested()
            }
            AppButton {
                text: qsTr("Withdraw")
                variant: "quiet"
                implicitHeight: 32
                enabled: card.actionsEnabled && card.goal.savedMinor > 0
                onClicked: card.withdrawRequested()
            }
            Item { Layout.fillWidth: true }
            AppButton {
                text: qsTr("Edit")
                variant: "quiet"
                implicitHeight: 32
                enabled: card.actionsEnabled
                onClicked: card.editRequested()
            }
        }
    }
}
