# syntax=docker/dockerfile:1
# Multi-stage build: a static, non-root Marquee binary on a distroless base,
# plus a stripe-mock image built from the version pinned in go.mod.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/marquee ./cmd/server \
    && mkdir -p /out/data

# stripe-mock for local payments testing (compose's stripe-mock service).
FROM build AS stripe-mock-build
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -o /out/stripe-mock github.com/stripe/stripe-mock

FROM gcr.io/distroless/static-debian12:nonroot AS stripe-mock
COPY --from=stripe-mock-build /out/stripe-mock /stripe-mock
EXPOSE 12111
ENTRYPOINT ["/stripe-mock", "-http-port", "12111"]

# The app: last, so `docker build .` produces it.
FROM gcr.io/distroless/static-debian12:nonroot AS app
COPY --from=build /out/marquee /marquee
# DATA_DIR: development keys when DATA_KEYS/JWT_KEYS are not set. Owned by
# the non-root user so a volume mounted here is writable.
COPY --from=build --chown=nonroot:nonroot /out/data /data
USER nonroot:nonroot
ENV PORT=8080 DATA_DIR=/data LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["/marquee", "health"]
ENTRYPOINT ["/marquee"]
CMD ["serve"]
