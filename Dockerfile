# gwsaudit as a static, non-root container image (make image).
# Build: docker build -t gwsaudit --build-arg VERSION=$(git describe --tags --always) .
# Run:   docker run --rm -v $PWD/key.json:/key.json:ro gwsaudit audit --admin ADMIN --credentials /key.json

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# CGO off: the store is pure-Go SQLite, so the binary needs no libc.
# timetzdata embeds the zone database, so TZ=Asia/Tokyo works on any base.
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata \
      -ldflags "-s -w -X github.com/gwsaudit/gwsaudit/cmd/cli.Version=${VERSION}" \
      -o /out/gwsaudit ./cmd/gwsaudit

# distroless/static: CA certificates for Google's APIs, nothing else; runs as
# uid 65532 (nonroot). Give --store a path on a writable volume (the
# Kubernetes and Cloud Run examples in configs/ mount one at /var/lib/gwsaudit).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gwsaudit /usr/local/bin/gwsaudit
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/gwsaudit"]
CMD ["--help"]
