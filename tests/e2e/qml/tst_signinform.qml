// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import Plaza

// The sign-in form enables its button only for input the server could accept,
// submits from the keyboard, and puts each error where it belongs.
TestCase {
    id: testCase
    name: "SignInForm"
    width: 480
    height: 640
    visible: true
    when: windowShown

    Component {
        id: formComponent
        SignInForm { width: 400 }
    }

    SignalSpy { id: submittedSpy; signalName: "submitted" }

    function makeForm() {
        const form = createTemporaryObject(formComponent, testCase)
        verify(form)
        submittedSpy.target = form
        submittedSpy.clear()
        return form
    }

    function test_buttonFollowsValidity() {
        const form = makeForm()
        const button = findChild(form, "submitButton")
        verify(button)
        compare(button.enabled, false, "empty form")

        form.serverUrl = "http://127.0.0.1:8480"
        form.handle = "amelie"
        form.password = "short"
        compare(button.enabled, false, "password under 8 characters")
        form.password = "plaza-demo-2026"
        compare(button.enabled, true)

        form.handle = "Amelie"
        compare(button.enabled, false, "handles are lower case")
        verify(findChild(form, "handleField").error.length > 0)
        form.handle = "@amelie "
        compare(form.normalizedHandle, "amelie")
        compare(button.enabled, true)
        compare(findChild(form, "handleField").error, "")

        form.serverUrl = "127.0.0.1:8480"
        compare(button.enabled, false, "no scheme")
        verify(findChild(form, "serverField").error.length > 0)
        form.serverUrl = "https://plaza.example"
        compare(button.enabled, true)

        form.busy = true
        compare(button.enabled, false, "busy")
        form.busy = false
        compare(button.enabled, true)
    }

    function test_createAccountNeedsDisplayName() {
        const form = makeForm()
        const button = findChild(form, "submitButton")
        form.serverUrl = "http://127.0.0.1:8480"
        form.handle = "new_person"
        form.password = "a good password"
        form.createAccount = true
        compare(findChild(form, "displayNameField").visible, true)
        compare(button.enabled, false, "no display name")
        form.displayName = "   "
        compare(button.enabled, false, "blank display name")
        form.displayName = "Zoé"
        compare(button.enabled, true)
        form.createAccount = false
        compare(findChild(form, "displayNameField").visible, false)
    }

    function typeText(text) {
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }

    function test_keyboardSubmits() {
        const form = makeForm()
        form.serverUrl = "http://127.0.0.1:8480"
        const handleInput = findChild(form, "handleField").input
        handleInput.forceActiveFocus()
        typeText("amelie")
        compare(form.handle, "amelie")
        keyClick(Qt.Key_Tab)
        // The password field is next in the focus chain.
        typeText("plaza-demo")
        compare(form.password, "plaza-demo")
        compare(submittedSpy.count, 0)
        keyClick(Qt.Key_Return)
        compare(submittedSpy.count, 1)

        form.password = "short"
        keyClick(Qt.Key_Return)
        compare(submittedSpy.count, 1, "invalid input is not submitted")
    }

    function test_errorsGoWhereTheyBelong() {
        const form = makeForm()
        const banner = findChild(form, "formError")
        form.errorText = "Wrong handle or password."
        compare(banner.visible, true)
        compare(banner.text, "Wrong handle or password.")

        form.errorText = "That handle is already taken. Try another one."
        form.errorField = "handle"
        compare(banner.visible, false, "a field's error is shown under the field")
        compare(findChild(form, "handleField").error, "That handle is already taken. Try another one.")

        form.errorField = ""
        form.errorText = ""
        compare(banner.visible, false)
    }

    function test_errorMessagesByCode() {
        compare(Errors.describe("unauthorized", "", ""), "Wrong handle or password.")
        verify(Errors.describe("network", "", "http://127.0.0.1:9").indexOf("http://127.0.0.1:9") >= 0)
        compare(Errors.describe("validation_failed", "handle", ""), Errors.describeField("handle"))
        verify(Errors.describe("rate_limited", "", "").length > 0)
        compare(Errors.describe("", "", ""), "")
        verify(Errors.describe("some_new_code", "", "").indexOf("some_new_code") >= 0)
    }
}
