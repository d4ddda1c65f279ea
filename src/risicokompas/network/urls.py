# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.network import views, views_applications, views_meetings, views_stories, views_work
from risicokompas.network.urls_benchmark import benchmark_urlpatterns

app_name = "network"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("nieuw/", views.network_create, name="create"),
    path("aanmelden/", views_applications.apply, name="apply"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path("<int:pk>/bewerken/", views.network_edit, name="edit"),
    path("<int:pk>/uitnodigen/", views.invite, name="invite"),
    path("<int:pk>/accepteren/", views.accept, name="accept"),
    path("<int:pk>/aanmeldingen/", views_applications.applications, name="applications"),
    path("<int:pk>/aanmeldingen/<int:application_pk>/", views_applications.application, name="application"),
    path("<int:pk>/deelnemers/", views.participants, name="participants"),
    path("<int:pk>/veranderopgave/<int:member_pk>/", views_work.assignment, name="assignment"),
    path("<int:pk>/bijeenkomsten/nieuw/", views_meetings.meeting_create, name="meeting_create"),
    path("<int:pk>/bijeenkomsten/<int:meeting_pk>/", views_meetings.meeting_detail, name="meeting"),
    path(
        "<int:pk>/bijeenkomsten/<int:meeting_pk>/bewerken/", views_meetings.meeting_edit, name="meeting_edit"
    ),
    path(
        "<int:pk>/bijeenkomsten/<int:meeting_pk>/aanwezigheid/", views_meetings.attendance, name="attendance"
    ),
    path(
        "<int:pk>/bijeenkomsten/<int:meeting_pk>/agenda.ics", views_meetings.meeting_ics, name="meeting_ics"
    ),
    path("<int:pk>/verhalen/", views_stories.story_list, name="stories"),
    path("<int:pk>/verhalen/delen/", views_stories.share, name="share"),
    path("<int:pk>/verhalen/<int:item_pk>/", views_stories.story_detail, name="story"),
    path("<int:pk>/verhalen/<int:item_pk>/reageren/", views_stories.comment, name="comment"),
    path("<int:pk>/verhalen/<int:item_pk>/hergebruik/", views_stories.reuse, name="reuse"),
]
urlpatterns += benchmark_urlpatterns
