# SPDX-License-Identifier: EUPL-1.2
"""Paged lists: ``?page=N`` and ``?page_size=`` (at most 500), with the total and links to the neighbours."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
