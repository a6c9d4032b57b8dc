# gwsaudit — make demo runs the sample tenant, make test runs the tests.
GO        ?= go
BIN       := bin/gwsaudit
PKGS      := ./...
FUZZTIME  ?= 30s
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
# The version a report names: the nearest tag, else the commit ("dev" outside git).
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X github.com/gwsaudit/gwsaudit/cmd/cli.Version=$(VERSION)

.PHONY: all build demo test test-short lint fmt fuzz bench image clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/gwsaudit

## demo: audit the built-in sample tenant (in-process emulator) and write demo-report.json.
## Exit code 1 (findings) and 3 (coverage gaps) are the expected outcome here.
demo: build
	@$(BIN) audit --demo --out demo-report.json; rc=$$?; \
	if [ $$rc -eq 2 ]; then echo "demo failed (exit 2)"; exit 2; fi; \
	echo; echo "demo-report.json written (gwsaudit exit code $$rc: 1 = findings at or above high, 3 = coverage gaps)"

## test: formatting, vet and every test with the race detector.
test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

test-short:
	$(GO) test -short $(PKGS)

lint:
	test -x $(STATICCHECK) || $(GO) install honnef.co/go/tools/cmd/staticcheck@latest
	$(STATICCHECK) $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

## fuzz: run every fuzz target for FUZZTIME each.
fuzz:
	@for spec in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
	  for f in $$(grep -h '^func Fuzz' $$spec/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
	    echo "== $$spec $$f"; $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$spec || exit 1; \
	  done; \
	done

## bench: measure 1k, 100k and 1M-item synthetic tenants and a 200-form one; writes docs/BENCHMARKS.md.
bench: build
	$(GO) run ./cmd/gwsbench -bin $(BIN) -out docs/BENCHMARKS.md

## image: the container image the Kubernetes and Cloud Run examples run (needs Docker).
IMAGE ?= gwsaudit:$(VERSION)
image:
	docker build --build-arg VERSION=$(VERSION) -t $(IMAGE) .

clean:
	rm -rf bin demo-report.json
