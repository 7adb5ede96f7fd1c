// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// A searchable grid of emoji, for reactions. The keyboard: type to search, Down (or Tab)
// into the grid, arrows move, Enter picks, Up from the top row back to the search, Escape
// closes. Each emoji has its name as its accessible name (and the search matches it).
Popup {
    id: picker
    objectName: "emojiPicker"

    //! The emoji chosen (the picker closes itself).
    signal picked(string emoji)

    //! Opens it with an empty search and the keyboard in the search field.
    function start() {
        search.text = ""
        grid.currentIndex = 0
        open()
    }
    function choose(index) {
        if (index < 0 || index >= shown.length)
            return
        const emoji = shown[index].e
        close()
        picked(emoji)
    }

    // A built-in set: faces, hands and hearts first (what people react with), then a few of
    // everything else. Names are for the search and for screen readers.
    readonly property var emoji: [
        { e: "👍", n: QT_TR_NOOP("thumbs up") }, { e: "👎", n: QT_TR_NOOP("thumbs down") },
        { e: "❤️", n: QT_TR_NOOP("red heart") }, { e: "😂", n: QT_TR_NOOP("face with tears of joy") },
        { e: "😮", n: QT_TR_NOOP("face with open mouth") }, { e: "😢", n: QT_TR_NOOP("crying face") },
        { e: "🙏", n: QT_TR_NOOP("folded hands") }, { e: "😀", n: QT_TR_NOOP("grinning face") },
        { e: "😄", n: QT_TR_NOOP("grinning face with smiling eyes") }, { e: "😁", n: QT_TR_NOOP("beaming face") },
        { e: "😅", n: QT_TR_NOOP("grinning face with sweat") }, { e: "🤣", n: QT_TR_NOOP("rolling on the floor laughing") },
        { e: "🙂", n: QT_TR_NOOP("slightly smiling face") }, { e: "😉", n: QT_TR_NOOP("winking face") },
        { e: "😊", n: QT_TR_NOOP("smiling face with smiling eyes") }, { e: "😇", n: QT_TR_NOOP("smiling face with halo") },
        { e: "🥰", n: QT_TR_NOOP("smiling face with hearts") }, { e: "😍", n: QT_TR_NOOP("smiling face with heart-eyes") },
        { e: "😘", n: QT_TR_NOOP("face blowing a kiss") }, { e: "😋", n: QT_TR_NOOP("face savoring food") },
        { e: "😜", n: QT_TR_NOOP("winking face with tongue") }, { e: "🤪", n: QT_TR_NOOP("zany face") },
        { e: "🤗", n: QT_TR_NOOP("hugging face") }, { e: "🤔", n: QT_TR_NOOP("thinking face") },
        { e: "🤨", n: QT_TR_NOOP("face with raised eyebrow") }, { e: "😐", n: QT_TR_NOOP("neutral face") },
        { e: "🙄", n: QT_TR_NOOP("face with rolling eyes") }, { e: "😏", n: QT_TR_NOOP("smirking face") },
        { e: "😬", n: QT_TR_NOOP("grimacing face") }, { e: "😌", n: QT_TR_NOOP("relieved face") },
        { e: "😴", n: QT_TR_NOOP("sleeping face") }, { e: "🤒", n: QT_TR_NOOP("face with thermometer") },
        { e: "🥳", n: QT_TR_NOOP("partying face") }, { e: "😎", n: QT_TR_NOOP("smiling face with sunglasses") },
        { e: "🤓", n: QT_TR_NOOP("nerd face") }, { e: "😕", n: QT_TR_NOOP("confused face") },
        { e: "😟", n: QT_TR_NOOP("worried face") }, { e: "😲", n: QT_TR_NOOP("astonished face") },
        { e: "😳", n: QT_TR_NOOP("flushed face") }, { e: "🥺", n: QT_TR_NOOP("pleading face") },
        { e: "😭", n: QT_TR_NOOP("loudly crying face") }, { e: "😱", n: QT_TR_NOOP("face screaming in fear") },
        { e: "😤", n: QT_TR_NOOP("face with steam from nose") }, { e: "😡", n: QT_TR_NOOP("angry face") },
        { e: "🤯", n: QT_TR_NOOP("exploding head") }, { e: "🥶", n: QT_TR_NOOP("cold face") },
        { e: "🥵", n: QT_TR_NOOP("hot face") }, { e: "🤐", n: QT_TR_NOOP("zipper-mouth face") },
        { e: "🤫", n: QT_TR_NOOP("shushing face") }, { e: "🫡", n: QT_TR_NOOP("saluting face") },
        { e: "👏", n: QT_TR_NOOP("clapping hands") }, { e: "🙌", n: QT_TR_NOOP("raising hands") },
        { e: "👋", n: QT_TR_NOOP("waving hand") }, { e: "👌", n: QT_TR_NOOP("OK hand") },
        { e: "✌️", n: QT_TR_NOOP("victory hand") }, { e: "🤞", n: QT_TR_NOOP("crossed fingers") },
        { e: "🤝", n: QT_TR_NOOP("handshake") }, { e: "💪", n: QT_TR_NOOP("flexed biceps") },
        { e: "👀", n: QT_TR_NOOP("eyes") }, { e: "🫶", n: QT_TR_NOOP("heart hands") },
        { e: "🧡", n: QT_TR_NOOP("orange heart") }, { e: "💛", n: QT_TR_NOOP("yellow heart") },
        { e: "💚", n: QT_TR_NOOP("green heart") }, { e: "💙", n: QT_TR_NOOP("blue heart") },
        { e: "💜", n: QT_TR_NOOP("purple heart") }, { e: "🖤", n: QT_TR_NOOP("black heart") },
        { e: "💔", n: QT_TR_NOOP("broken heart") }, { e: "💯", n: QT_TR_NOOP("hundred points") },
        { e: "🔥", n: QT_TR_NOOP("fire") }, { e: "✨", n: QT_TR_NOOP("sparkles") },
        { e: "⭐", n: QT_TR_NOOP("star") }, { e: "🎉", n: QT_TR_NOOP("party popper") },
        { e: "🎂", n: QT_TR_NOOP("birthday cake") }, { e: "🎁", n: QT_TR_NOOP("wrapped gift") },
        { e: "✅", n: QT_TR_NOOP("check mark") }, { e: "❌", n: QT_TR_NOOP("cross mark") },
        { e: "❓", n: QT_TR_NOOP("question mark") }, { e: "❗", n: QT_TR_NOOP("exclamation mark") },
        { e: "💡", n: QT_TR_NOOP("light bulb") }, { e: "💸", n: QT_TR_NOOP("money with wings") },
        { e: "💰", n: QT_TR_NOOP("money bag") }, { e: "☕", n: QT_TR_NOOP("hot beverage") },
        { e: "🍕", n: QT_TR_NOOP("pizza") }, { e: "🍻", n: QT_TR_NOOP("clinking beer mugs") },
        { e: "🍷", n: QT_TR_NOOP("wine glass") }, { e: "🥐", n: QT_TR_NOOP("croissant") },
        { e: "🍰", n: QT_TR_NOOP("shortcake") }, { e: "🍎", n: QT_TR_NOOP("red apple") },
        { e: "⚽", n: QT_TR_NOOP("soccer ball") }, { e: "🚲", n: QT_TR_NOOP("bicycle") },
        { e: "🚗", n: QT_TR_NOOP("car") }, { e: "✈️", n: QT_TR_NOOP("airplane") },
        { e: "🏠", n: QT_TR_NOOP("house") }, { e: "⛰️", n: QT_TR_NOOP("mountain") },
        { e: "🥾", n: QT_TR_NOOP("hiking boot") }, { e: "🌞", n: QT_TR_NOOP("sun with face") },
        { e: "🌧️", n: QT_TR_NOOP("cloud with rain") }, { e: "❄️", n: QT_TR_NOOP("snowflake") },
        { e: "🌈", n: QT_TR_NOOP("rainbow") }, { e: "🌸", n: QT_TR_NOOP("cherry blossom") },
        { e: "🐶", n: QT_TR_NOOP("dog face") }, { e: "🐱", n: QT_TR_NOOP("cat face") },
        { e: "🎵", n: QT_TR_NOOP("musical note") }, { e: "📸", n: QT_TR_NOOP("camera with flash") },
        { e: "📅", n: QT_TR_NOOP("calendar") }, { e: "⏰", n: QT_TR_NOOP("alarm clock") },
        { e: "🚀", n: QT_TR_NOOP("rocket") }, { e: "🏆", n: QT_TR_NOOP("trophy") }
    ]
    //! The emoji whose name (in the UI's language or in English) contains the search.
    readonly property var shown: {
        const words = search.text.trim().toLowerCase()
        if (words.length === 0)
            return emoji
        return emoji.filter(x => qsTr(x.n).toLowerCase().indexOf(words) >= 0 || x.n.indexOf(words) >= 0 || x.e === words)
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: 7 * 44 + 2 * padding + 12
    height: Math.min(400, parent ? parent.height - 2 * Theme.spacingXl : 400)
    padding: Theme.spacingM
    modal: true
    focus: true
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    Overlay.modal: Rectangle { color: Theme.scrim }
    onOpened: search.forceActiveFocus()
    background: Rectangle {
        radius: Theme.radiusL
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.border
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingS
        Label {
            text: qsTr("Choose a reaction")
            color: Theme.text
            font.pixelSize: Theme.fontSubtitle
            font.weight: Font.DemiBold
            textFormat: Text.PlainText
            Accessible.role: Accessible.Heading
        }
        TextField {
            id: search
            objectName: "emojiSearchField"
            placeholderText: qsTr("Search emoji")
            color: Theme.text
            placeholderTextColor: Theme.textFaint
            selectByMouse: true
            Layout.fillWidth: true
            Accessible.name: qsTr("Search emoji")
            Accessible.description: qsTr("Down moves to the emoji, Enter picks the first one")
            onTextChanged: grid.currentIndex = 0
            background: Rectangle {
                implicitHeight: 34
                radius: Theme.radiusM
                color: Theme.surface
                border.width: search.activeFocus ? 2 : 1
                border.color: search.activeFocus ? Theme.focusRing : Theme.border
            }
            Keys.onDownPressed: if (grid.count > 0) grid.forceActiveFocus()
            Keys.onReturnPressed: picker.choose(0)
            Keys.onEnterPressed: picker.choose(0)
        }
        GridView {
            id: grid
            objectName: "emojiGrid"
            model: picker.shown
            clip: true
            cellWidth: 44
            cellHeight: 44
            keyNavigationEnabled: true
            activeFocusOnTab: count > 0
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Emoji")
            ScrollBar.vertical: ScrollBar {}
            Keys.onReturnPressed: picker.choose(currentIndex)
            Keys.onEnterPressed: picker.choose(currentIndex)
            Keys.onSpacePressed: picker.choose(currentIndex)
            // Up from the top row goes back to the search.
            Keys.onUpPressed: event => {
                if (currentIndex >= 0 && currentIndex < Math.floor(width / cellWidth)) {
                    search.forceActiveFocus()
                    event.accepted = true
                } else {
                    event.accepted = false
                }
            }
            delegate: AbstractButton {
                id: cell
                required property var modelData
                required property int index
                width: 44
                height: 44
                focusPolicy: Qt.NoFocus
                readonly property bool current: GridView.isCurrentItem && grid.activeFocus
                Accessible.role: Accessible.Button
                Accessible.name: qsTr(modelData.n)
                Accessible.focused: current
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr(modelData.n)
                contentItem: Text {
                    text: cell.modelData.e
                    font.pixelSize: 24
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    textFormat: Text.PlainText
                }
                background: Rectangle {
                    radius: Theme.radiusM
                    color: cell.current ? Theme.selected : cell.hovered ? Theme.hover : "transparent"
                    FocusRing { shown: cell.current }
                }
                onClicked: picker.choose(index)
            }
            Label {
                anchors.centerIn: parent
                width: parent.width
                visible: grid.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: qsTr("No emoji matches “%1”.").arg(search.text.trim())
                color: Theme.textMuted
                textFormat: Text.PlainText
            }
        }
    }
}
