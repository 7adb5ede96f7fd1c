// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// A new goal, or changes to one: a name, a target and an optional deadline. Deleting it
// puts its money back into the unassigned savings (nothing leaves savings).
Sheet {
    id: sheet
    objectName: "goalSheet"

    required property QtObject savings
    required property QtObject service
    property var goal: null
    property string error: ""
    readonly property var parsedTarget: Format.parseAmount(targetField.text, savings.currency)
    // "YYYY-MM-DD", or "" when the field holds no date.
    readonly property string parsedDeadline: Time.parseDate(deadlineField.text)
    readonly property bool deadlineOk: deadlineField.text.trim().length === 0 || parsedDeadline.length > 0

    title: goal ? qsTr("Edit goal") : qsTr("New goal")
    subtitle: goal ? qsTr("%1 saved so far").arg(goal.formattedSaved) : qsTr("Set money aside for something: it stays in your savings and earns interest.")
    closable: !service.busy

    function start(existing) {
        goal = existing || null
        error = ""
        nameField.text = goal ? goal.name : ""
        targetField.text = goal ? goal.targetInput : ""
        deadlineField.text = goal && goal.deadline ? Time.date(goal.deadline) : ""
        open()
    }

    onOpened: nameField.forceActiveFocus()

    Connections {
        target: sheet.service
        enabled: sheet.visible
        function onGoalSaved() { sheet.close() }
        function onGoalFailed(code, field) {
            sheet.error = field === "name" ? qsTr("Names are 1 to 40 characters.")
                        : field === "target" ? qsTr("Enter a target greater than zero.")
                        : field === "deadline" ? qsTr("The deadline can't be in the past.")
                        : code === "conflict" ? qsTr("You can have at most 20 goals.")
                        : Errors.describe(code, field, App.session.serverUrl)
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        FormField {
            id: nameField
            objectName: "goalNameField"
            label: qsTr("Name")
            placeholderText: qsTr("Summer in Lisbon")
            maximumLength: 40
            Layout.fillWidth: true
            onAccepted: targetField.forceActiveFocus()
        }
        FormField {
            id: targetField
            objectName: "goalTargetField"
            label: qsTr("Target (%1)").arg(sheet.savings.currency)
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            maximumLength: 20
            input.horizontalAlignment: TextInput.AlignRight
            error: targetField.text.trim().length > 0 && !sheet.parsedTarget.ok
                   ? Errors.describeAmount(sheet.parsedTarget.reason, sheet.parsedTarget.decimals) : ""
            Layout.fillWidth: true
            onAccepted: deadlineField.forceActiveFocus()
        }
        FormField {
            id: deadlineField
            objectName: "goalDeadlineField"
            label: qsTr("Deadline (optional)")
            placeholderText: Time.date(Time.monthsFromToday(6))
            hint: qsTr("A date like %1, or leave it empty.").arg(Time.date(Time.monthsFromToday(6)))
            error: sheet.deadlineOk ? "" : qsTr("That isn't a date.")
            Layout.fillWidth: true
            onAccepted: saveButton.clicked()
            trailing: ToolButton {
                Keys.onReturnPressed: clicked()
                Keys.onEnterPressed: clicked()
                Accessible.onPressAction: clicked()
                objectName: "goalDeadlinePickerButton"
                width: 32
                height: 32
                focusPolicy: Qt.StrongFocus
                Accessible.name: qsTr("Choose the deadline on a calendar")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose on a calendar")
                onClicked: datePicker.openAt(sheet.parsedDeadline)
                contentItem: Item {
                    Icon { anchors.centerIn: parent; name: "calendar"; size: 18; color: Theme.textMuted }
                }
            }
        }
        DatePicker {
            id: datePicker
            // Below the field, right-aligned with it.
            parent: deadlineField
            y: deadlineField.height + Theme.spacingXs
            x: deadlineField.width - width
            minimum: Time.monthsFromToday(0)
            selected: sheet.parsedDeadline
            onPicked: isoDay => {
                deadlineField.text = Time.date(isoDay)
                deadlineField.forceActiveFocus()
            }
        }
        InlineError { text: sheet.error; Layout.fillWidth: true }
        RowLayout {
            spacing: Theme.spacingS
            AppButton {
                visible: sheet.goal !== null
                text: qsTr("Delete goal")
                variant: "danger"
                enabled: !sheet.service.busy
                onClicked: sheet.service.deleteGoal(sheet.goal.goalId)
            }
            Item { Layout.fillWidth: true }
            AppButton {
                id: saveButton
                objectName: "saveGoalButton"
                text: sheet.goal ? qsTr("Save") : qsTr("Create goal")
                busy: sheet.service.busy
                enabled: !sheet.service.busy && nameField.text.trim().length > 0 && sheet.parsedTarget.ok
                         && sheet.deadlineOk
                onClicked: {
                    sheet.error = ""
                    const deadline = sheet.parsedDeadline
                    if (sheet.goal)
                        sheet.service.updateGoal(sheet.goal.goalId, nameField.text, targetField.text, deadline)
                    else
                        sheet.service.createGoal(nameField.text, targetField.text, deadline)
                }
            }
        }
    }
}
