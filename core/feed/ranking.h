// SPDX-License-Identifier: MIT
#pragma once

// The Discover ranking (docs/ranking.md): one pure function of a post's signals that
// returns its score together with the terms the score is the sum of, so the UI can answer
// "Why am I seeing this?" with exactly the numbers that placed the post.

#include <QList>
#include <QString>

namespace plaza::feed {

//! What the server says about a post for one viewer (api-v1 Post.signals), plus its reach.
struct RankSignals {
    double authorAffinity = 0;  //!< 0…1, how close the viewer is to the author (clamped)
    qint64 engagement = 0;      //!< likes + reposts + replies (negative counts as 0)
    qint64 ageSeconds = 0;      //!< now − created_at (negative, a skewed clock, counts as 0)
    bool limitedReach = false;  //!< reach "limited": de-amplified
};

//! One addend of the score.
struct RankTerm {
    QString name;   //!< "affinity", "engagement", "age", "reach" (stable keys for translations)
    double input;   //!< the signal as used (after clamping): 0…1, a count, hours, 1/0
    double value;   //!< what it adds to the score (negative for age and reach)
};

//! A score and its terms, always in the order affinity, engagement, age, reach.
struct RankResult {
    double score = 0;
    QList<RankTerm> terms;
};

//! The weights of the formula; the defaults are the documented ones.
struct RankWeights {
    double affinity = 3.0;        //!< points for the closest author (affinity 1)
    double ageHalfDayCost = 1.0;  //!< points lost per 12 hours of age
    double limitedReach = 4.0;    //!< points a limited-reach post loses
};

//! score = 3·affinity + log2(1 + engagement) − age_hours / 12 − (limited ? 4 : 0).
//! Pure: the same signals give the same result, on every platform.
[[nodiscard]] RankResult discoverScore(const RankSignals &input, const RankWeights &weights = {});

} // namespace plaza::feed
