// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The Savings tab: balance, APY and interest, the announced rate change, deposit and
// withdraw, goals with their progress, a 12-month projection (with a monthly deposit the
// user types) and the interest earned day by day. From the cache first, so it opens
// offline — labelled with its age; the server's answer replaces it when it comes.
Item {
    id: page
    objectName: "savingsPage"

    readonly property bool offline: App.session.state === Session.Ready && !App.session.online
    readonly property string offlineReason: qsTr("You're offline. Moving money needs a connection.")

    // The server and the writes; the figures and charts; the goals (a list model, by id).
    SavingsService {
        id: savingsService
        account: App.session
        Component.onCompleted: refresh()
    }
    SavingsSummary {
        id: savings
        service: savingsService
    }
    GoalsModel {
        id: goals
        service: savingsService
    }
    WalletSummary {
        id: wallet
        cache: App.session.cache
    }
    Connections {
        target: App.session
        function onOnlineChanged() { if (App.session.online) savingsService.refresh() }
    }
    //! --page savings[/deposit|/withdraw|/goal]: opened once the cache (or the server) has answered.
    property string pendingPath: ""
    //! The tab was shown: the keyboard starts on Add money (the projection's monthly deposit
    //! while Add money waits for the account or the connection).
    function focusMain() {
        (depositButton.enabled ? depositButton : monthlyField).forceActiveFocus()
        focusWaitsForDeposit = !depositButton.enabled
    }
    // Add money became usable while the focus waited in the untouched monthly field: it goes there.
    property bool focusWaitsForDeposit: false
    function depositEnabledChanged() {
        if (focusWaitsForDeposit && depositButton.enabled && monthlyField.activeFocus && monthlyField.text.length === 0)
            depositButton.forceActiveFocus()
        focusWaitsForDeposit = false
    }
    function openPath(path) {
        pendingPath = path.length > 0 ? path : "."
        settleIfReady()
    }
    function settleIfReady() {
        if (pendingPath.length === 0 || !savings.loaded || savingsService.busy)
            return
        if (pendingPath === "deposit")
            moveSheet.start(true, "")
        else if (pendingPath === "withdraw")
            moveSheet.start(false, "")
        else if (pendingPath === "goal")
            goalSheet.start(goals.count > 0 ? goals.get(0) : null)
        pendingPath = ""
        App.pageSettled = true
    }
    Connections {
        target: savings
        function onLoadedChanged() { page.settleIfReady() }
    }
    Connections {
        target: savingsService
        function onBusyChanged() { page.settleIfReady() }
    }

    ScrollView {
        id: scroller
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        // At most Theme.contentMaxWidth wide, centred: lines stay readable on a wide screen.
        ColumnLayout {
            width: Math.min(scroller.availableWidth - 2 * Theme.spacingXl, Theme.contentMaxWidth)
            x: (scroller.availableWidth - width) / 2
            spacing: Theme.spacingL

            Item { implicitHeight: Theme.spacingS }

            Rectangle {
                objectName: "savingsStaleBanner"
                visible: savings.loaded && savings.stale
                radius: Theme.radiusM
                color: Theme.accentSoft
                implicitHeight: staleText.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingS
                    Icon { name: "wifi-off"; size: 18; color: Theme.accent }
                    Label {
                        id: staleText
                        text: page.offline ? qsTr("Offline — your savings as of %1.").arg(Time.dateTime(savings.asOf))
                                           : qsTr("Your savings as of %1; updating…").arg(Time.dateTime(savings.asOf))
                        color: Theme.text
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
            }

            Rectangle {
                objectName: "rateChangeNotice"
                visible: savings.rateChange.apyBps !== undefined
                radius: Theme.radiusM
                color: Theme.surface
                border.width: 1
                border.color: Theme.accent
                implicitHeight: rateText.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingS
                    Icon { name: "sparkles"; size: 18; color: Theme.accent }
                    Label {
                        id: rateText
                        text: savings.rateChange.apyBps === undefined ? ""
                              : savings.rateChange.upcoming
                                ? qsTr("Your rate changes from %1 to %2 APY on %3.").arg(savings.rateChange.formattedPreviousApy)
                                      .arg(savings.rateChange.formattedApy).arg(Time.date(savings.rateChange.effectiveDate, true))
                                : qsTr("Your rate changed from %1 to %2 APY on %3.").arg(savings.rateChange.formattedPreviousApy)
                                      .arg(savings.rateChange.formattedApy).arg(Time.date(savings.rateChange.effectiveDate, true))
                        color: Theme.text
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
            }

            // Balance, rate, interest, actions.
            Rectangle {
                radius: Theme.radiusL
                color: Theme.surface
                border.width: 1
                border.color: Theme.border
                implicitHeight: top.implicitHeight + 2 * Theme.spacingXl
                Layout.fillWidth: true
                // The buttons beside the figures, or under them in a narrow window (at 780 px in
                // French they were pushed out of the card).
                GridLayout {
                    id: top
                    readonly property bool narrow: width < Theme.stackCardBelow
                    anchors.fill: parent
                    anchors.margins: Theme.spacingXl
                    columns: narrow ? 1 : 2
                    columnSpacing: Theme.spacingXl
                    rowSpacing: Theme.spacingL
                    ColumnLayout {
                        spacing: Theme.spacingXs
                        Layout.fillWidth: true
                        RowLayout {
                            spacing: Theme.spacingS
                            Label { text: qsTr("Savings"); color: Theme.textMuted; textFormat: Text.PlainText }
                            Rectangle {
                                visible: savings.loaded
                                radius: height / 2
                                color: Theme.accentSoft
                                implicitWidth: apyLabel.implicitWidth + Theme.spacingM
                                implicitHeight: apyLabel.implicitHeight + 4
                                Label {
                                    id: apyLabel
                                    objectName: "savingsApy"
                                    anchors.centerIn: parent
                                    text: qsTr("%1 APY").arg(savings.formattedApy)
                                    color: Theme.accent
                                    font.pixelSize: Theme.fontCaption
                                    font.weight: Font.DemiBold
                                    textFormat: Text.PlainText
                                }
                            }
                        }
                        Item {
                            implicitHeight: 44
                            Layout.fillWidth: true
                            Label {
                                objectName: "savingsBalance"
                                visible: savings.loaded
                                text: savings.formattedBalance
                                color: savings.stale ? Theme.textMuted : Theme.text
                                font.family: Theme.moneyFont.family
                                font.pixelSize: 36
                                font.weight: Font.Bold
                                textFormat: Text.PlainText
                                anchors.verticalCenter: parent.verticalCenter
                            }
                            Rectangle {
                                visible: !savings.loaded
                                width: 180; height: 28; radius: Theme.radiusS
                                color: Theme.hover
                                anchors.verticalCenter: parent.verticalCenter
                            }
                        }
                        GridLayout {
                            visible: savings.loaded
                            columns: 2
                            columnSpacing: Theme.spacingL
                            rowSpacing: 2
                            Label { text: qsTr("Interest this month (so far)"); color: Theme.textMuted; font.pixelSize: Theme.fontCaption }
                            Label { objectName: "interestThisMonth"; text: savings.formattedInterestThisMonth; color: Theme.success; font.family: Theme.moneyFont.family; Layout.alignment: Qt.AlignRight }
                            Label { text: qsTr("Interest earned in total (paid + this month)"); color: Theme.textMuted; font.pixelSize: Theme.fontCaption }
                            Label { objectName: "interestTotal"; text: savings.formattedInterestTotal; color: Theme.text; font.family: Theme.moneyFont.family; Layout.alignment: Qt.AlignRight }
                            Label { text: qsTr("Not in a goal"); color: Theme.textMuted; font.pixelSize: Theme.fontCaption }
                            Label { text: savings.formattedUnassigned; color: Theme.text; font.family: Theme.moneyFont.family; Layout.alignment: Qt.AlignRight }
                        }
                    }
                    ColumnLayout {
                        spacing: Theme.spacingS
                        Layout.alignment: Qt.AlignTop
                        // As wide as the longest label ("Ajouter de l'argent" was cut); the card's
                        // width when under the figures.
                        Layout.preferredWidth: Math.max(200, implicitWidth)
                        Layout.minimumWidth: implicitWidth
                        Layout.fillWidth: top.narrow
                        AppButton {
                            id: depositButton
                            objectName: "depositButton"
                            onEnabledChanged: page.depositEnabledChanged()
                            text: qsTr("Add money")
                            iconName: "arrow-down-left"
                            enabled: !page.offline && savings.loaded
                            Layout.fillWidth: true
                            onClicked: moveSheet.start(true, "")
                        }
                        AppButton {
                            objectName: "withdrawButton"
                            text: qsTr("Withdraw")
                            iconName: "arrow-up-right"
                            variant: "secondary"
                            enabled: !page.offline && savings.loaded && savings.balanceMinor > 0
                            Layout.fillWidth: true
                            onClicked: moveSheet.start(false, "")
                        }
                        // Wraps to the buttons' width: no width of its own, so it never widens them.
                        Item {
                            visible: page.offline
                            implicitWidth: 0
                            implicitHeight: savingsOfflineReason.implicitHeight
                            Layout.fillWidth: true
                            Label {
                                id: savingsOfflineReason
                                objectName: "savingsOfflineReason"
                                width: parent.width
                                text: page.offlineReason
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontCaption
                                wrapMode: Text.Wrap
                                textFormat: Text.PlainText
                            }
                        }
                    }
                }
            }

            // Charts: side by side, or one above the other in a narrow window (at 780 px the
            // monthly field and the axis labels were cut).
            GridLayout {
                objectName: "savingsCharts"
                columns: width < Theme.stackRowBelow ? 1 : 2
                columnSpacing: Theme.spacingL
                rowSpacing: Theme.spacingL
                Layout.fillWidth: true
                Rectangle {
                    radius: Theme.radiusL
                    color: Theme.surface
                    border.width: 1
                    border.color: Theme.border
                    implicitHeight: 250
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.spacingL
                        spacing: Theme.spacingXs
                        Label { text: qsTr("In 12 months"); color: Theme.text; font.weight: Font.DemiBold; Accessible.role: Accessible.Heading }
                        RowLayout {
                            spacing: Theme.spacingS
                            Label { text: qsTr("Adding each month"); color: Theme.textMuted; font.pixelSize: Theme.fontCaption }
                            TextField {
                                id: monthlyField
                                objectName: "monthlyDepositField"
                                placeholderText: { Preferences.languageInUse; return Number(0).toLocaleString(Qt.locale(), "f", 2) } // again when the language switches
                                implicitWidth: 100
                                implicitHeight: 30
                                horizontalAlignment: TextInput.AlignRight
                                font.family: Theme.moneyFont.family
                                color: Theme.text
                                selectByMouse: true
                                Accessible.name: qsTr("Monthly deposit for the projection")
                                background: Rectangle { radius: Theme.radiusS; color: Theme.background; border.width: monthlyField.activeFocus ? 2 : 1; border.color: monthlyField.activeFocus ? Theme.focusRing : Theme.border }
                            }
                        }
                        // Again when the balance, the rate, the currency or the language changes.
                        readonly property var projection: {
                            savings.balanceMinor; savings.apyBps; savings.currency; Preferences.languageInUse
                            return savings.loaded ? savings.projection(monthlyField.text) : ({ ok: false })
                        }
                        id: projectionBox
                        RowLayout {
                            visible: projectionBox.projection.ok
                            spacing: Theme.spacingM
                            // The legend's swatches (implicit sizes: a layout ignores width and height).
                            Rectangle { implicitWidth: 10; implicitHeight: 3; color: Theme.accent }
                            Label { objectName: "projectionWithout"; text: qsTr("As is: %1").arg(projectionBox.projection.formattedWithout || ""); color: Theme.textMuted; font.pixelSize: Theme.fontCaption }
                            Rectangle { implicitWidth: 10; implicitHeight: 3; color: Theme.success; visible: monthlyField.text.length > 0 }
                            Label { visible: monthlyField.text.length > 0; objectName: "projectionWith"; text: qsTr("With %1 today and on each 1st (%n deposit(s), %2): %3", "", projectionBox.projection.deposits || 0).arg(projectionBox.projection.formattedDeposit || "").arg(projectionBox.projection.formattedDeposits || "").arg(projectionBox.projection.formattedWith || ""); wrapMode: Text.Wrap; Layout.fillWidth: true; color: Theme.textMuted; font.pixelSize: Theme.fontCaption }
                        }
                        Label {
                            visible: !projectionBox.projection.ok && monthlyField.text.length > 0
                            text: Errors.describeAmount(projectionBox.projection.reason, 2)
                            color: Theme.danger
                            font.pixelSize: Theme.fontCaption
                        }
                        LineChart {
                            id: projectionChart
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            readonly property real low: projectionBox.projection.ok
                                                        ? Math.min(projectionBox.projection.months[0].withoutMinor, savings.balanceMinor) : 0
                            // Data units: x the month (0 = today), y minor units.
                            function values(key) {
                                const p = projectionBox.projection
                                if (!p.ok)
                                    return []
                                const out = [Qt.point(0, savings.balanceMinor)]
                                for (let i = 0; i < p.months.length; ++i)
                                    out.push(Qt.point(i + 1, p.months[i][key]))
                                return out
                            }
                            xMax: projectionBox.projection.ok ? projectionBox.projection.months.length : 1
                            yMin: low
                            yMax: projectionBox.projection.ok ? low + Math.max(1, projectionBox.projection.maxMinor - low) : 1
                            topLabel: projectionBox.projection.ok ? Format.formatMoney(projectionBox.projection.maxMinor, savings.currency) : ""
                            bottomLabel: projectionBox.projection.ok ? Format.formatMoney(low, savings.currency) : ""
                            startLabel: qsTr("Today")
                            endLabel: { Time.today; return Time.date(Time.monthsFromToday(12)) } // again when the language switches
                            values: values("withoutMinor")
                            secondValues: monthlyField.text.length > 0 ? values("withMinor") : []
                        }
                    }
                }
                Rectangle {
                    radius: Theme.radiusL
                    color: Theme.surface
                    border.width: 1
                    border.color: Theme.border
                    implicitHeight: 250
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.spacingL
                        spacing: Theme.spacingXs
                        Label { text: qsTr("Interest earned"); color: Theme.text; font.weight: Font.DemiBold; Accessible.role: Accessible.Heading }
                        readonly property var info: savings.historyDays > 0 ? savings.historyInfo() : ({})
                        id: historyBox
                        Label {
                            text: savings.historyDays > 0 && historyBox.info.from !== undefined
                                  ? qsTr("%1 over %n day(s), since %2", "", savings.historyDays).arg(savings.formattedInterestTotal).arg(Time.date(historyBox.info.from))
                                  : qsTr("Interest shows here from the first day your savings earn it.")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontCaption
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        LineChart {
                            id: historyChart
                            objectName: "interestChart"
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            // At most one point per pixel column: smooth and cheap with ten years of days.
                            values: savings.historyDays > 0 ? savings.historyPoints(Math.floor(width)) : []
                            xMax: historyBox.info.lastIndex || 0
                            yMax: historyBox.info.maxValue || 1
                            topLabel: historyBox.info.formattedTotal || ""
                            bottomLabel: historyBox.info.totalMinor !== undefined ? Format.formatMoney(0, savings.currency) : ""
                            startLabel: historyBox.info.from !== undefined ? Time.date(historyBox.info.from) : ""
                            endLabel: historyBox.info.to !== undefined ? Time.date(historyBox.info.to) : ""
                        }
                    }
                }
            }

            // Goals.
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: qsTr("Goals")
                    color: Theme.text
                    font.pixelSize: Theme.fontSubtitle
                    font.weight: Font.DemiBold
                    Accessible.role: Accessible.Heading
                    Layout.fillWidth: true
                }
                AppButton {
                    objectName: "newGoalButton"
                    text: qsTr("New goal")
                    variant: "secondary"
                    implicitHeight: 32
                    enabled: !page.offline && savings.loaded
                    onClicked: goalSheet.start(null)
                }
            }
            Label {
                visible: savings.loaded && goals.count === 0
                text: qsTr("No goals yet. A goal keeps money aside for something — a trip, a bike, a rainy day — and shows if you're on track.")
                color: Theme.textMuted
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            GridLayout {
                columns: width > 700 ? 2 : 1
                columnSpacing: Theme.spacingL
                rowSpacing: Theme.spacingL
                Layout.fillWidth: true
                Repeater {
                    model: goals
                    GoalCard {
                        required property var model
                        required property int index
                        goal: model
                        actionsEnabled: !page.offline
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        onAddRequested: moveSheet.start(true, model.goalId)
                        onWithdrawRequested: moveSheet.start(false, model.goalId)
                        onEditRequested: goalSheet.start(goals.get(index))
                    }
                }
            }
            Item { implicitHeight: Theme.spacingXl }
        }
    }

    SavingsMoveSheet { id: moveSheet; savings: savings; service: savingsService; goals: goals; wallet: wallet }
    GoalSheet { id: goalSheet; savings: savings; service: savingsService }
}
