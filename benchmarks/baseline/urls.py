from django.urls import path

from benchmarks.baseline.views import fortunes

urlpatterns = [path("fortunes/", fortunes)]
