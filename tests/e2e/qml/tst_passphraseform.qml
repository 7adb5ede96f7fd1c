// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import Plaza

// Choosing a passphrase needs it long enough and typed twice the same; unlocking
// needs only something typed.
TestCase {
    id: testCase
    name: "PassphraseForm"
    width: 480
    height: 480
    visible: true
    when: windowShown

    Component {
        id: formComponent
        PassphraseForm { width: 400 }
    }

    function test_choosing() {
        const form = createTemporaryObject(formComponent, testCase, { choosing: true })
        const button = findChild(form, "submitButton")
        compare(findChild(form, "confirmationField").visible, true)
        compare(button.enabled, false)

        form.passphrase = "too short"
        form.confirmation = "too short"
        compare(button.enabled, false, "under the minimum length")

        form.passphrase = "correct horse battery"
        form.confirmation = "correct horse battery!"
        compare(button.enabled, false, "different")
        verify(findChild(form, "confirmationField").error.length > 0)

        form.confirmation = "correct horse battery"
        compare(button.enabled, true)
        compare(findChild(form, "confirmationField").error, "")
    }

    function test_unlocking() {
        const form = createTemporaryObject(formComponent, testCase, { choosing: false })
        const button = findChild(form, "submitButton")
        compare(findChild(form, "confirmationField").visible, false)
        compare(button.enabled, false)
        form.passphrase = "x"
        compare(button.enabled, true, "the old passphrase may be any length")
        form.errorText = "That passphrase doesn't unlock this device's cache."
        compare(findChild(form, "formError").visible, true)
    }
}
