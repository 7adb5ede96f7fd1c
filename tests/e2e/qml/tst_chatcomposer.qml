// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import Plaza

// The chat composer with real key presses: Enter sends, Shift+Enter adds a line, blank
// text is never sent, and each conversation keeps its draft — handed to the same kind of
// store the app uses (draft(id)/setDraft(id, text)), here a plain object.
TestCase {
    id: testCase
    name: "ChatComposer"
    width: 600
    height: 200
    visible: true
    when: windowShown

    Component {
        id: composerComponent
        ChatComposer { width: 500 }
    }
    Component {
        id: storeComponent
        QtObject {
            property var saved: ({})
            function draft(id) { return saved[id] !== undefined ? saved[id] : "" }
            function setDraft(id, text) { const s = saved; if (text.length > 0) s[id] = text; else delete s[id]; saved = s }
        }
    }
    SignalSpy { id: submitted; signalName: "submitted" }

    function make(store) {
        const composer = createTemporaryObject(composerComponent, testCase, { drafts: store })
        submitted.clear()
        submitted.target = composer
        composer.load("c_1")
        composer.focusInput()
        tryVerify(() => composer.input.activeFocus)
        return composer
    }
    function type(text) {
        for (const ch of text)
            keyClick(ch)
    }

    function test_enterSendsShiftEnterAddsALine() {
        const composer = make(createTemporaryObject(storeComponent, testCase))
        type("Hello")
        keyClick(Qt.Key_Return, Qt.ShiftModifier)
        type("there")
        compare(composer.text, "Hello\nthere")
        compare(submitted.count, 0)
        keyClick(Qt.Key_Return)
        compare(submitted.count, 1)
        compare(submitted.signalArguments[0][0], "Hello\nthere")
        // The page clears it once the message is queued; nothing is left as a draft.
        composer.clear()
        compare(composer.text, "")
        // The keypad's Enter sends too.
        type("Again")
        keyClick(Qt.Key_Enter)
        compare(submitted.count, 2)
        compare(submitted.signalArguments[1][0], "Again")
    }

    function test_blankIsNotSent() {
        const composer = make(createTemporaryObject(storeComponent, testCase))
        keyClick(Qt.Key_Return)
        type("   ")
        keyClick(Qt.Key_Return)
        keyClick(Qt.Key_Return, Qt.ShiftModifier)
        keyClick(Qt.Key_Return)
        compare(submitted.count, 0)
        compare(composer.text, "   \n")
        composer.canSend = false // no conversation open: Enter does nothing either
        type("x")
        keyClick(Qt.Key_Return)
        compare(submitted.count, 0)
    }

    function test_draftPerConversation() {
        const store = createTemporaryObject(storeComponent, testCase)
        const composer = make(store)
        type("half a thought")
        composer.load("c_2") // switching keeps c_1's draft and shows c_2's (none)
        compare(store.draft("c_1"), "half a thought")
        compare(composer.text, "")
        type("for two")
        composer.load("c_1")
        compare(composer.text, "half a thought")
        compare(store.draft("c_2"), "for two")
        // The cursor is at the end of the restored draft: typing continues it.
        type("!")
        compare(composer.text, "half a thought!")
        // Sending leaves no draft behind.
        keyClick(Qt.Key_Return)
        compare(submitted.count, 1)
        composer.clear()
        compare(store.draft("c_1"), "")
    }

    function test_draftSurvivesTheComposer() {
        // Typing stops, the composer goes (the window closes): the draft is in the store,
        // and a new composer (the next start) shows it.
        const store = createTemporaryObject(storeComponent, testCase)
        let composer = make(store)
        type("see you at 8")
        tryCompare(store.saved, "c_1", "see you at 8", 2000) // saved shortly after typing stops
        composer.destroy()
        wait(0)
        composer = make(store)
        compare(composer.text, "see you at 8")
    }

    function test_replyBarAndEscape() {
        const store = createTemporaryObject(storeComponent, testCase)
        const composer = make(store)
        type("draft")
        composer.startReply("m_1", "Bruno", "Shall we meet\nat noon?")
        compare(composer.mode, "reply")
        compare(composer.targetId, "m_1")
        compare(composer.text, "draft") // a reply keeps what was typed
        // Escape leaves the reply, the text stays.
        keyClick(Qt.Key_Escape)
        compare(composer.mode, "")
        compare(composer.text, "draft")
        composer.startReply("m_1", "Bruno", "Shall we meet at noon?")
        keyClick(Qt.Key_Return)
        compare(submitted.count, 1)
        compare(composer.mode, "reply") // until the page took it
        composer.clear()
        compare(composer.mode, "")
        compare(composer.text, "")
    }

    function test_editPutsTheDraftAsideAndBack() {
        const store = createTemporaryObject(storeComponent, testCase)
        const composer = make(store)
        type("my draft")
        composer.startEdit("m_2", "old words")
        compare(composer.mode, "edit")
        compare(composer.text, "old words")
        type(" and more")
        // The draft kept while editing is the one put aside, not the edit.
        composer.save()
        compare(store.draft("c_1"), "my draft")
        keyClick(Qt.Key_Escape)
        compare(composer.mode, "")
        compare(composer.text, "my draft")
        // Enter saves: the page gets the text, then clear() gives the draft back.
        composer.startEdit("m_2", "old words")
        keyClick(Qt.Key_Return)
        compare(submitted.count, 1)
        compare(submitted.signalArguments[0][0], "old words")
        composer.clear()
        compare(composer.mode, "")
        compare(composer.text, "my draft")
        // Blank text is never saved as an edit.
        composer.startEdit("m_2", "")
        keyClick(Qt.Key_Return)
        compare(submitted.count, 1)
    }

    // "@" in a group: the members who match, arrows and Enter or Tab to pick, Escape to close
    // (until what is typed changes), a click too; "@handle " goes in place of the "@…".
    function test_mentionAutocomplete() {
        const composer = make(createTemporaryObject(storeComponent, testCase))
        composer.mentionCandidates = [{ handle: "chloe", name: "Chloé Dubois" }, { handle: "emma", name: "Emma Schneider" }]
        type("Hi @")
        tryVerify(() => composer.mentioning)
        keyClick(Qt.Key_Down)
        keyClick(Qt.Key_Return)
        compare(composer.text, "Hi @emma ")
        verify(!composer.mentioning)
        compare(submitted.count, 0) // Enter picked, it did not send
        type("and @ch")
        tryVerify(() => composer.mentioning)
        keyClick(Qt.Key_Escape)
        verify(!composer.mentioning)
        compare(composer.text, "Hi @emma and @ch")
        type("l")
        tryVerify(() => composer.mentioning)
        keyClick(Qt.Key_Tab)
        compare(composer.text, "Hi @emma and @chloe ")
        // Not after a letter (an address), nor with nobody to mention.
        type("mail@ch")
        verify(!composer.mentioning)
        composer.mentionCandidates = []
        type(" @")
        verify(!composer.mentioning)
        keyClick(Qt.Key_Return)
        compare(submitted.count, 1)
    }
}
