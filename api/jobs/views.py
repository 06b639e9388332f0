"""/api/jobs/{id}/ (a job's state and live progress) and /api/jobs/{id}/undo/. A user sees their own jobs."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from jobs.services import fail_if_stale, jobs_of, undo_job

from .serializers import JobSerializer


class JobDetailView(APIView):
    @extend_schema(responses={200: JobSerializer, 404: OpenApiResponse(description="not your job")}, tags=["jobs"])
    def get(self, request, pk):
        job = fail_if_stale(get_object_or_404(jobs_of(request.user), pk=pk))
        return Response(JobSerializer(job, context={"request": request}).data)


class JobUndoView(APIView):
    @extend_schema(
        request=None,
        responses={
            200: JobSerializer,
            404: OpenApiResponse(description="not your job"),
            409: OpenApiResponse(description="not undoable: part approved, year closed, already undone"),
        },
        tags=["jobs"],
    )
    def post(self, request, pk):
        job = get_object_or_404(jobs_of(request.user), pk=pk)
        job = undo_job(job, by=request.user)
        return Response(JobSerializer(job, context={"request": request}).data, status=status.HTTP_200_OK)
