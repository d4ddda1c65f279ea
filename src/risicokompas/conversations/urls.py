# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.conversation_list, name="list"),
]
