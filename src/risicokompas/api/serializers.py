# SPDX-License-Identifier: EUPL-1.2
"""What the API reads and writes: the models' fields by their English names, amounts as decimal strings."""

from __future__ import annotations

from rest_framework import serializers

from risicokompas.capacity.models import CapacityItem
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.fields import EDITABLE_FIELDS
from risicokompas.risks.models import Measure, Risk
from risicokompas.signals.models import Signal
from risicokompas.signals.services import SIGNAL_FIELDS

#: Risk fields a client may write: the register's one field list (``risks.fields``).
RISK_WRITABLE = EDITABLE_FIELDS


class RiskSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(
        write_only=True,
        max_length=1000,
        help_text="Waarom het risico wordt aangemaakt of gewijzigd; komt in de geschiedenis.",
    )
    expected_version = serializers.IntegerField(
        write_only=True,
        required=False,
        help_text="De versie die de client las; een wijziging op een nieuwere versie geeft 409.",
    )
    quantified = serializers.BooleanField(source="is_quantified", read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            *RISK_WRITABLE,
            "owner",
            "quantified",
            "version",
            "last_discussed_on",
            "created_at",
            "updated_at",
            "reason",
            "expected_version",
        ]
        read_only_fields = ["id", "owner", "version", "last_discussed_on", "created_at", "updated_at"]

    def validate_reason(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("Geef een reden.")
        return value.strip()

    def validate(self, attrs: dict) -> dict:
        if not attrs.get("reason"):  # a partial update (PATCH) skips required fields
            raise serializers.ValidationError({"reason": "Geef een reden."})
        return attrs

    def values(self) -> dict:
        """The model values to save (without the reason and the version)."""
        return {
            name: value
            for name, value in self.validated_data.items()
            if name not in ("reason", "expected_version")
        }


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = [
            "id",
            "risk",
            "description",
            "status",
            "owner_label",
            "due_date",
            "probability_after",
            "impact_factor",
            "created_at",
        ]
        read_only_fields = fields


class CapacityItemSerializer(serializers.ModelSerializer):
    pm = serializers.BooleanField(
        source="amount_unknown",
        read_only=True,
        help_text="PM: het bedrag is nog niet bekend; de post heeft geen bedragen en telt niet mee.",
    )

    class Meta:
        model = CapacityItem
        fields = ["id", "name", "kind", "nature", "amount", "pm", "amount_t1", "amount_t2", "amount_t3"]
        read_only_fields = fields


class SignalSerializer(serializers.ModelSerializer):
    anonymous = serializers.BooleanField(
        write_only=True,
        default=False,
        help_text="Anoniem: er wordt geen link naar de melder bewaard; het antwoord bevat een ontvangstcode.",
    )

    class Meta:
        model = Signal
        fields = [*SIGNAL_FIELDS, "anonymous"]


class FiledSignalSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="Alleen bij een melding op naam; een anonieme melding heeft hier null."
    )
    status = serializers.CharField()
    due_date = serializers.DateField()
    receipt_code = serializers.CharField(
        allow_null=True, help_text="Alleen bij een anonieme melding, en alleen nu: bewaar hem."
    )


class SnapshotSerializer(serializers.ModelSerializer):
    approved = serializers.SerializerMethodField()

    class Meta:
        model = Snapshot
        fields = [
            "id",
            "title",
            "document",
            "year",
            "reference_date",
            "created_at",
            "engine_version",
            "input_hash",
            "content_hash",
            "approved",
        ]
        read_only_fields = fields

    def get_approved(self, snapshot: Snapshot) -> bool:
        return hasattr(snapshot, "approval")


class SnapshotDetailSerializer(SnapshotSerializer):
    class Meta(SnapshotSerializer.Meta):
        fields = [*SnapshotSerializer.Meta.fields, "inputs", "result", "texts"]
        read_only_fields = fields


class SimulationRequestSerializer(serializers.Serializer):
    """A register in the register file's JSON form, with the options of ``risicokompas simulate``."""

    register = serializers.ListField(
        child=serializers.DictField(),
        help_text="Rijen van het register: objecten met de kolomkoppen van het registerbestand "
        "(id, risico, kans, gevolg_max, …) als sleutels.",
    )
    zekerheid = serializers.CharField(default="90")
    methode = serializers.ChoiceField(choices=["auto", "exact", "montecarlo"], default="auto")
    iteraties = serializers.IntegerField(default=100_000, min_value=1_000, max_value=1_000_000)
    seed = serializers.IntegerField(required=False, allow_null=True, default=None)
    tolerantie = serializers.CharField(required=False, allow_null=True, default=None)
    capaciteit = serializers.CharField(required=False, allow_null=True, default=None)
    rekenmethode = serializers.CharField(default="simulatie")
    factor = serializers.CharField(required=False, allow_null=True, default=None)
    correlatie = serializers.ListField(child=serializers.CharField(), default=list)
    standaardverdeling = serializers.CharField(default="uniform")
    structurele_jaren = serializers.IntegerField(default=1, min_value=1)
