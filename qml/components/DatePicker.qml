// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// A month calendar to pick a day. Days are ISO strings ("2027-06-12") in and out, worked out
// by the Time singleton from the one clock: never a JavaScript Date (a QDate reaches
// JavaScript as UTC midnight, the day before west of Greenwich). Keyboard: arrows move a day
// or a week, Page Up/Down a month, Enter picks, Escape closes.
Popup {
    id: picker
    objectName: "datePicker"

    //! The chosen day ("" for none): shown selected, and where the calendar opens.
    property string selected: ""
    //! The first day that may be picked ("" for any).
    property string minimum: ""
    //! A day was picked; the picker closes.
    signal picked(string isoDay)

    //! The day under the keyboard cursor; its month is the one shown.
    property string cursor: ""
    readonly property string today: { void Time.today; return Time.monthsFromToday(0) }
    readonly property var days: cursor.length > 0 ? Time.monthGrid(cursor) : []

    function openAt(isoDay) {
        cursor = isoDay.length > 0 ? isoDay : (minimum > today ? minimum : today)
        open()
    }
    function pick(isoDay) {
        if (!allowed(isoDay))
            return
        close()
        picked(isoDay)
    }
    function allowed(isoDay) {
        return minimum.length === 0 || isoDay >= minimum
    }
    function move(days) {
        cursor = Time.addDays(cursor, days)
    }
    function moveMonths(months) {
        cursor = Time.addMonths(cursor, months)
    }

    modal: true
    focus: true
    padding: Theme.spacingM
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    onOpened: grid.forceActiveFocus()

    background: Rectangle {
        radius: Theme.radiusM
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.borderStrong
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingS
        RowLayout {
            spacing: Theme.spacingXs
            Layout.fillWidth: true
            ToolButton {
                Keys.onReturnPressed: clicked()
                Keys.onEnterPressed: clicked()
                Accessible.onPressAction: clicked()
                objectName: "datePickerPrevious"
                Accessible.name: qsTr("Previous month")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: picker.moveMonths(-1)
                contentItem: Item { implicitWidth: 20; implicitHeight: 20; Icon { anchors.centerIn: parent; name: "chevron-left"; size: 18; color: Theme.textMuted } }
            }
            Label {
                objectName: "datePickerMonth"
                text: Time.monthTitle(picker.cursor)
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Accessible.role: Accessible.Heading
            }
            ToolButton {
                Keys.onReturnPressed: clicked()
                Keys.onEnterPressed: clicked()
                Accessible.onPressAction: clicked()
                objectName: "datePickerNext"
                Accessible.name: qsTr("Next month")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: picker.moveMonths(1)
                contentItem: Item { implicitWidth: 20; implicitHeight: 20; Icon { anchors.centerIn: parent; name: "chevron-right"; size: 18; color: Theme.textMuted } }
            }
        }
        Row {
            spacing: 2
            Repeater {
                model: { void Time.today; return Time.weekdayNames() }
                Label {
                    required property string modelData
                    width: 36
                    text: modelData
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    horizontalAlignment: Text.AlignHCenter
                    elide: Text.ElideRight
                    textFormat: Text.PlainText
                }
            }
        }
        Grid {
            id: grid
            objectName: "datePickerGrid"
            columns: 7
            spacing: 2
            activeFocusOnTab: true
            Accessible.role: Accessible.Table
            Accessible.name: qsTr("Calendar, %1").arg(Time.date(picker.cursor, true))
            Keys.onLeftPressed: picker.move(-1)
            Keys.onRightPressed: picker.move(1)
            Keys.onUpPressed: picker.move(-7)
            Keys.onDownPressed: picker.move(7)
            Keys.onPressed: event => {
                if (event.key === Qt.Key_PageUp) {
                    picker.moveMonths(-1)
                    event.accepted = true
                } else if (event.key === Qt.Key_PageDown) {
                    picker.moveMonths(1)
                    event.accepted = true
                } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Space) {
                    picker.pick(picker.cursor)
                    event.accepted = true
                }
            }
            Repeater {
                model: picker.days
                AbstractButton {
                    id: day
                    required property string modelData
                    readonly property bool inMonth: modelData.slice(0, 7) === picker.cursor.slice(0, 7)
                    readonly property bool isSelected: modelData === picker.selected
                    readonly property bool isCursor: modelData === picker.cursor
                    objectName: "day-" + modelData
                    width: 36
                    height: 32
                    // Days before `minimum` stay pressable (a press must not fall through and
                    // close the picker) but pick nothing, and look and read as unavailable.
                    readonly property bool allowed: picker.allowed(modelData)
                    focusPolicy: Qt.NoFocus
                    Accessible.name: allowed ? Time.date(modelData, true)
                                             : qsTr("%1, not available").arg(Time.date(modelData, true))
                    Accessible.selectable: true
                    Accessible.selected: isSelected
                    onClicked: picker.pick(modelData)
                    background: Rectangle {
                        radius: Theme.radiusS
                        color: day.isSelected ? Theme.accent : (day.hovered && day.allowed ? Theme.hover : "transparent")
                        border.width: day.modelData === picker.today && !day.isSelected ? 1 : 0
                        border.color: Theme.accent
                        FocusRing { shown: day.isCursor && grid.activeFocus }
                    }
                    contentItem: Label {
                        text: Number(day.modelData.slice(8, 10))
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        font.pixelSize: Theme.fontBody
                        color: day.isSelected ? Theme.accentText
                             : !day.allowed ? Theme.textFaint
                             : day.inMonth ? Theme.text : Theme.textMuted
                        opacity: day.allowed ? 1 : 0.6
                    }
                }
            }
        }
    }
}
