// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModelTester>

namespace plaza::test {

enum class Fetch { More, Not };

//! Checks \a model against QAbstractItemModel's contract for as long as it lives (a
//! QAbstractItemModelTester parented to it): every insert, remove, move, change and reset the
//! model signals is verified, and a breach fails the running test. The tester also calls
//! fetchMore() after each of them, so it loads page after page (models refuse a fetchMore()
//! made from inside their own changes' signals); Fetch::Not is for the few tests whose point is
//! how many rows one page brings.
inline QAbstractItemModelTester *checkModel(QAbstractItemModel *model, Fetch fetch = Fetch::More)
{
    auto *tester = new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
    tester->setUseFetchMore(fetch == Fetch::More);
    return tester;
}

} // namespace plaza::test
