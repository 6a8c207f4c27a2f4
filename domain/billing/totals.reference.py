"""Independent reference for domain/billing/totals.test.ts: EN 16931 totals computed with decimal.Decimal.

Reads a JSON list of documents (each a list of lines as the API takes them) on stdin and writes their
totals on stdout. Written from the rules, not from totals.ts: amounts in euros as exact decimals,
ROUND_HALF_UP (which Decimal applies away from zero for negatives) to the cent, VAT per (category, rate).
"""
import json
import sys
from decimal import ROUND_HALF_UP, Decimal, getcontext

getcontext().prec = 60
CENT = Decimal("0.01")
ORDER = ["S", "Z", "E", "AE", "K", "G", "O"]


def to_cents(euros):
    return int((euros / CENT).to_integral_value())


def document_totals(lines, default_reason):
    computed = []
    groups = {}
    for line in lines:
        rate = Decimal(line["vatRateBasisPoints"]) / Decimal(100)  # percent
        category = line.get("vatCategory") or ("S" if rate > 0 else "E")
        reason = (line.get("vatExemptionReason") or "").strip() or None
        if category in ("S", "Z"):
            reason = None
        elif reason is None and category == "E":
            reason = default_reason
        # repr() of a JSON float is its shortest decimal writing, the number the person typed (1.005, 0.333)
        quantity = Decimal(repr(line["quantity"])) if isinstance(line["quantity"], float) else Decimal(line["quantity"])
        price = Decimal(line["unitPriceCents"]) / 100
        discount = Decimal(line.get("discountBasisPoints", 0)) / Decimal(100)  # percent
        net = (quantity * price * (1 - discount / 100)).quantize(CENT, rounding=ROUND_HALF_UP)
        computed.append({"netCents": to_cents(net), "vatCategory": category, "vatExemptionReason": reason})
        group = groups.setdefault((category, line["vatRateBasisPoints"]), {"taxable": Decimal(0), "reasons": []})
        group["taxable"] += net
        if reason and reason not in group["reasons"]:
            group["reasons"].append(reason)
    rows = []
    for (category, rate_bp), group in sorted(groups.items(), key=lambda kv: (ORDER.index(kv[0][0]), -kv[0][1])):
        tax = (group["taxable"] * Decimal(rate_bp) / Decimal(10000)).quantize(CENT, rounding=ROUND_HALF_UP)
        rows.append({
            "category": category,
            "rateBasisPoints": rate_bp,
            "taxableCents": to_cents(group["taxable"]),
            "taxCents": to_cents(tax),
            "exemptionReason": " ; ".join(group["reasons"]) or None,
        })
    excluding = sum((Decimal(line["netCents"]) for line in computed), Decimal(0))
    tax = sum((Decimal(row["taxCents"]) for row in rows), Decimal(0))
    return {
        "lines": computed,
        "vatBreakdown": rows,
        "totalExcludingTaxCents": int(excluding),
        "totalTaxCents": int(tax),
        "totalIncludingTaxCents": int(excluding + tax),
    }


documents = json.load(sys.stdin)
json.dump([document_totals(d["lines"], d.get("defaultExemptionReason")) for d in documents], sys.stdout)
