# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.conversations import views, views_agenda, views_events, views_premortem

app_name = "conversations"
urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("nieuw/", views.conversation_create, name="create"),
    path("<int:pk>/", views.conversation_detail, name="detail"),
    path("<int:pk>/status/", views.conversation_status, name="status"),
    path("<int:pk>/verslag.html", views.conversation_report, name="report"),
    path("<int:pk>/verslag/mailen/", views.conversation_mail, name="mail"),
    path("<int:pk>/punten/nieuw/", views_agenda.item_add, name="item_add"),
    path("<int:pk>/punten/<int:item_pk>/", views_agenda.item_decide, name="item"),
    path("<int:pk>/punten/<int:item_pk>/weghalen/", views_agenda.item_remove, name="item_remove"),
    path("<int:pk>/gebeurtenissen/nieuw/", views_events.event_create, name="event_create"),
    path("<int:pk>/punten/<int:item_pk>/gebeurtenis/", views_events.event_create, name="item_event_create"),
    path("<int:pk>/acties/nieuw/", views_agenda.action_create, name="action_create"),
    path("<int:pk>/acties/<int:action_pk>/afronden/", views_agenda.action_complete, name="action_complete"),
    path("<int:pk>/pre-mortem/", views_premortem.premortem_page, name="premortem"),
    path("<int:pk>/pre-mortem/nieuw/", views_premortem.premortem_add, name="premortem_add"),
    path("<int:pk>/pre-mortem/sluiten/", views_premortem.premortem_close, name="premortem_close"),
    path("<int:pk>/pre-mortem/clusters/", views_premortem.premortem_cluster, name="premortem_cluster"),
]
