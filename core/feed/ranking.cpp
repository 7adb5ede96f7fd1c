// SPDX-License-Identifier: MIT
#include "feed/ranking.h"

#include <algorithm>
#include <cmath>

namespace plaza::feed {

RankResult discoverScore(const RankSignals &input, const RankWeights &weights)
{
    // NaN would make the order of a whole page undefined: treat it as "no affinity".
    const double affinity = std::isnan(input.authorAffinity) ? 0.0 : std::clamp(input.authorAffinity, 0.0, 1.0);
    const double engagement = double(std::max<qint64>(0, input.engagement));
    const double hours = double(std::max<qint64>(0, input.ageSeconds)) / 3600.0;

    RankResult r;
    r.terms = {
        {QStringLiteral("affinity"), affinity, weights.affinity * affinity},
        // Logarithmic: the 10th like matters less than the first, so a viral post cannot
        // bury everything from the people one knows.
        {QStringLiteral("engagement"), engagement, std::log2(1.0 + engagement)},
        // Linear in age: a day-old post needs 2 more points to stand level with a new one.
        {QStringLiteral("age"), hours, -weights.ageHalfDayCost * hours / 12.0},
        {QStringLiteral("reach"), input.limitedReach ? 1.0 : 0.0, input.limitedReach ? -weights.limitedReach : 0.0},
    };
    for (const RankTerm &t : std::as_const(r.terms))
        r.score += t.value;
    return r;
}

} // namespace plaza::feed
