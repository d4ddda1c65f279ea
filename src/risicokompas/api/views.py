# SPDX-License-Identifier: EUPL-1.2
"""The API's resources. Every object is found through the apps' own access helpers, with the key's
membership as the request's, so another organisation's object is a 404 and a role that may not do
something gets a 403, exactly as on the web. Every request made with a key is logged."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from risicokompas.api.keys import log_use
from risicokompas.api.models import ApiKey
from risicokompas.api.problems import problem
from risicokompas.api.serializers import (
    CapacityItemSerializer,
    FiledSignalSerializer,
    MeasureSerializer,
    RiskSerializer,
    SignalSerializer,
    SimulationRequestSerializer,
    SnapshotDetailSerializer,
    SnapshotSerializer,
)
from risicokompas.capacity.models import CapacityItem
from risicokompas.engine import EngineInputError
from risicokompas.organisations.access import current_membership, require
from risicokompas.paragraph.access_snapshots import get_snapshot_for
from risicokompas.paragraph.models import Snapshot
from risicokompas.paragraph.views_reports import CONTENT_TYPES, SUFFIXES, paragraph_data
from risicokompas.registerfile import RegisterFileError
from risicokompas.registerfile.records import read_register_records
from risicokompas.registerfile.values import ValueProblem
from risicokompas.registersim import BadInput, json_payload, simulate_register
from risicokompas.reports import render
from risicokompas.risks import services
from risicokompas.risks.access import get_measure_for, get_risk_for, require_create
from risicokompas.risks.models import Measure, Risk
from risicokompas.signals.models import Signal
from risicokompas.signals.services import file_signal


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@authentication_classes([])
def not_found(request, *args, **kwargs):
    return problem(404, "Deze URL bestaat niet in API-versie 1; zie /api/v1/openapi.json.")


class Logged:
    """Logs every request made with a key (after the response is known, so with its status)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        key = getattr(request, "auth", None)
        if isinstance(key, ApiKey):
            log_use(
                key,
                method=request.method,
                path=request.path,
                status=response.status_code,
                day_only=getattr(request._request, "api_day_only", False),
            )
        return response


class RiskViewSet(
    Logged,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The organisation's risk register. Creating and changing need a reason (history as on the web)."""

    serializer_class = RiskSerializer
    queryset = Risk.objects.none()

    def get_queryset(self):
        organisation = current_membership(self.request).organisation
        risks = Risk.objects.filter(organisation=organisation).order_by("code")
        status_filter = self.request.query_params.get("status")
        if status_filter:
            risks = risks.filter(status=status_filter)
        return risks

    def get_object(self):
        return get_risk_for(self.request, self._pk(), write=self.request.method not in ("GET", "HEAD"))

    def _pk(self) -> int:
        try:
            return int(self.kwargs["pk"])
        except ValueError:
            raise Http404("Risico niet gevonden") from None

    def create(self, request, *args, **kwargs):
        membership = require_create(request)
        serializer = RiskSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        risk = services.create_risk(
            membership.organisation,
            request.user,
            serializer.values(),
            reason=serializer.validated_data["reason"],
        )
        return Response(self.get_serializer(risk).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        risk = self.get_object()
        serializer = RiskSerializer(
            risk,
            data=request.data,
            partial=kwargs.get("partial", False),
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        try:
            result = services.update_risk(
                risk,
                request.user,
                serializer.values(),
                reason=serializer.validated_data["reason"],
                expected_version=serializer.validated_data.get("expected_version"),
            )
        except services.ConcurrentEdit as exc:
            return problem(409, str(exc), current_version=exc.current.version)
        except services.ChangeRefused as exc:
            return problem(400, str(exc))
        return Response(self.get_serializer(result.risk).data)


class MeasureViewSet(Logged, viewsets.ReadOnlyModelViewSet):
    """Beheersmaatregelen of the organisation's risks (read); ``?risk=<id>`` for one risk's."""

    serializer_class = MeasureSerializer
    queryset = Measure.objects.none()

    def get_queryset(self):
        organisation = current_membership(self.request).organisation
        measures = Measure.objects.filter(risk__organisation=organisation).order_by("risk__code", "pk")
        risk = self.request.query_params.get("risk")
        if risk:
            valid = risk.isascii() and risk.isdigit() and int(risk) < 2**63  # no id is larger
            measures = measures.filter(risk_id=int(risk)) if valid else measures.none()
        return measures

    def get_object(self):
        pk = self.kwargs["pk"]
        if not str(pk).isdigit():
            raise Http404("Maatregel niet gevonden")
        return get_measure_for(self.request, int(pk))


class CapacityItemViewSet(Logged, viewsets.ReadOnlyModelViewSet):
    """The available weerstandscapaciteit (read), for the roles that read the paragraph."""

    serializer_class = CapacityItemSerializer
    queryset = CapacityItem.objects.none()

    def get_queryset(self):
        membership = current_membership(self.request)
        require(membership.can_read_paragraph)
        return CapacityItem.objects.filter(organisation=membership.organisation).order_by("pk")


class SignalViewSet(Logged, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """File a signal (melding). Anonymous as on the web: no link to the key's person is stored, the
    filing time is kept to the day, the log of this request too, and the receipt code is shown only here."""

    serializer_class = SignalSerializer
    queryset = Signal.objects.none()

    @extend_schema(responses={201: FiledSignalSerializer})
    def create(self, request, *args, **kwargs):
        membership = current_membership(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        anonymous = values.pop("anonymous")
        request._request.api_day_only = anonymous
        filed = file_signal(membership.organisation, request.user, values, anonymous=anonymous)
        body = {
            "id": None if anonymous else filed.signal.pk,
            "status": filed.signal.status,
            "due_date": filed.signal.due_date,
            "receipt_code": filed.receipt_code,
        }
        return Response(FiledSignalSerializer(body).data, status=status.HTTP_201_CREATED)


class SnapshotViewSet(Logged, viewsets.ReadOnlyModelViewSet):
    """Frozen snapshots of the paragraph (read), and the paragraph as a download."""

    queryset = Snapshot.objects.none()

    def get_serializer_class(self):
        return SnapshotDetailSerializer if self.action == "retrieve" else SnapshotSerializer

    def get_queryset(self):
        organisation = current_membership(self.request).organisation
        return (
            Snapshot.objects.filter(organisation=organisation)
            .select_related("approval")
            .order_by("-reference_date", "-pk")
        )

    def get_object(self):
        return get_snapshot_for(self.request, self.kwargs["pk"])

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                OpenApiParameter.PATH,
                enum=sorted(CONTENT_TYPES),
                description="docx, pdf of html",
            )
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], url_path=r"paragraph/(?P<kind>[a-z]+)")
    def paragraph(self, request, pk=None, kind=None):
        # (not "format": Django REST framework reads that keyword as the response's format)
        snapshot = self.get_object()
        if kind not in CONTENT_TYPES:
            raise Http404("Onbekend formaat: kies docx, pdf, html of fragment")
        body = render(paragraph_data(snapshot), kind)
        response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
        name = f"paragraaf-weerstandsvermogen-{snapshot.organisation.slug}-{snapshot.year}.{SUFFIXES[kind]}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class SimulationView(Logged, APIView):
    """Simulate a register sent as JSON rows: stateless, nothing is stored. The answer is what
    ``risicokompas simulate --json`` prints for the same register and options. A read key may use it."""

    stores_nothing = True

    @extend_schema(
        request=SimulationRequestSerializer,
        responses={
            200: inline_serializer("SimulationResult", {"required_capacity": serializers.FloatField()})
        },
    )
    def post(self, request):
        options = SimulationRequestSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        data = dict(options.validated_data)
        try:
            register = read_register_records(
                data.pop("register"),
                default_shape=data.pop("standaardverdeling"),
                structural_years=data.pop("structurele_jaren"),
            )
            result, required, _profile = simulate_register(register, **data)
        except RegisterFileError as exc:
            return problem(400, str(exc))
        except (BadInput, ValueProblem, EngineInputError, ValueError) as exc:
            return problem(400, str(exc))
        return Response(json_payload(result, "api", required=required, register=register))
