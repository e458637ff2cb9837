"""The PLOVER 0.8 category an event codes as (``Event.plover``).

Why in the product: analysts exchange event data coded in PLOVER (Halterman
et al. 2023), and an evaluation must score what the product emits, not a
re-reading of it done by the scorer.  Dossier's kinds are PLOVER's plus a few
of its own, and its modality says whether the event happened, is intended or
is refused; PLOVER codes the same sentence by its direction:

* PLOVER categories are themselves; ``REQUEST`` is ``DEMAND`` (PLOVER's
  DEMAND covers requests and appeals); delivering or shipping equipment is
  ``AID`` (military aid), deploying it, exercising or putting it on duty
  ``MOBILIZE``, withdrawing it ``RETREAT``; ``STATEMENT`` has no category.
* A stated intention is coded by what is intended (PLOVER's AGREE is "intent
  to cooperate", THREATEN "intent to harm"): a planned, conditional or
  hypothetical cooperative event is ``AGREE``, a hostile one ``THREATEN``.
* An obligation put on another ("Sudan must return the refugees", modality
  ``required``) is a ``DEMAND``.
* A negated or denied cooperative event ("will not accept refugees", "failed
  to reach agreement") is a refusal to cooperate: ``REJECT``.
* A negated or denied act of force ("the army did not attack the village",
  "denied that its ships had fired") has no category: nothing happened to code
  (PLOVER codes events that took place or are intended, and a denial is no
  threat).  The event stays on record with its modality.
"""

from __future__ import annotations

PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "FIGHT", "COERCE", "ASSAULT",
)  # fmt: skip
KIND_TO_PLOVER: dict[str, str] = {k: k for k in PLOVER} | {
    "REQUEST": "DEMAND",
    "EQUIPMENT_DELIVERED": "AID",
    "EQUIPMENT_IN_TRANSIT": "AID",
    "EQUIPMENT_DEPLOYED": "MOBILIZE",
    "EQUIPMENT_COMBAT_DUTY": "MOBILIZE",
    "EQUIPMENT_ENTERED_SERVICE": "MOBILIZE",
    "EQUIPMENT_EXERCISE": "MOBILIZE",
    "EQUIPMENT_TESTED": "MOBILIZE",
    "EQUIPMENT_SHOWN": "MOBILIZE",
    "EQUIPMENT_WITHDRAWN": "RETREAT",
}
#: Material conflict: acts of force, whose negation or denial reports no event.
MATERIAL_CONFLICT = frozenset({"FIGHT", "ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE"})
_INTENT = frozenset({"planned", "conditional", "hypothetical"})
_ALREADY_INTENT = frozenset({"AGREE", "THREATEN", "DEMAND", "REJECT", "DISAPPROVE"})


def plover_category(kind: str, modality: str) -> str | None:
    """PLOVER category of an event of ``kind`` with ``modality`` (None: no category)."""
    base = KIND_TO_PLOVER.get(kind)
    if base is None:
        return None
    if modality in ("negated", "denied") and base in COOPERATIVE:
        return "REJECT"
    if modality in ("negated", "denied") and base in MATERIAL_CONFLICT:
        return None
    if modality == "required" and base not in ("DEMAND", "THREATEN"):
        return "DEMAND"
    if modality in _INTENT and base not in _ALREADY_INTENT:
        return "AGREE" if base in COOPERATIVE else "THREATEN"
    return base
