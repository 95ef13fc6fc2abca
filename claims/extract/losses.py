"""What an unqualified "losses" or "lost" counts, read from what the whole text is about.

"Losses" with no casualty word beside it are casualties (killed and wounded together) unless the
text speaks of deaths only. The verb is read more readily as deaths: "Russia lost 15,000 troops
in Afghanistan" in a text that mostly counts the dead is a death toll, while "Ukraine lost up to
620 personnel" in a report that never says "killed" is an unspecified loss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.figures import Candidate
from claims.vocab import Metric

__all__ = ["LossWords", "loss_words", "past_war_loss"]

_DEATHS = re.compile(r"(?i)\b(?:killed|dead|died|deaths?|fatalities)\b")
_HURT = re.compile(r"(?i)\b(?:wounded|injured|injuries|casualt(?:y|ies))\b")
_VERB = re.compile(r"(?i)^(?:lost|lose|loses|losing|cost|costing)$")


@dataclass(frozen=True, slots=True)
class LossWords:
    """The metric of the generic loss words in one text."""

    noun: Metric  # "losses", "toll"
    verb: Metric  # "lost", "losing"

    def metric(self, word: str) -> Metric:
        return self.verb if _VERB.match(word.strip()) else self.noun


def loss_words(text: str) -> LossWords:
    deaths = len(_DEATHS.findall(text))
    hurt = len(_HURT.findall(text))
    noun = Metric.KILLED if deaths and not hurt else Metric.CASUALTIES
    verb = Metric.KILLED if deaths > hurt else Metric.CASUALTIES
    return LossWords(noun, verb)


def past_war_loss(candidate: Candidate, text: str, previous: Metric | None) -> Metric | None:
    """A finished war's "lost N men" counts its dead ("the Soviet Union lost 15,000 soldiers in
    Afghanistan"): the toll a war leaves is quoted as deaths. None when the figure's metric came
    from elsewhere than the bare verb."""
    cue = candidate.metric_cue
    if previous is not None or cue is None or cue.metric is not None:
        return None
    return Metric.KILLED if _VERB.match(text[cue.start : cue.end].strip()) else None
