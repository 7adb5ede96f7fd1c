// SPDX-License-Identifier: MIT
#pragma once

#include <QCoroTask>
#include <QEventLoop>

#include <optional>

namespace plaza::test {

//! Runs the event loop until \a task has finished and returns its value. QCoro::waitFor()
//! needs a default-constructible T, which Result<T> deliberately is not.
template<typename T>
T waitTask(QCoro::Task<T> &&task)
{
    std::optional<T> out;
    QEventLoop loop;
    QCoro::connect(std::move(task), &loop, [&](auto &&value) {
        out.emplace(std::forward<decltype(value)>(value));
        loop.quit();
    });
    if (!out)
        loop.exec();
    return std::move(*out);
}

} // namespace plaza::test
