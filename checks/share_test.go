package checks

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

const (
	outsider = "yamada@other-corp.co.jp"
	lookal   = "tanaka.taro@city-example.jp"
)

func TestShare001PublicOnWeb(t *testing.T) {
	runItemCases(t, "SHARE-001", []itemCase{
		{"anyone discoverable", file("f", "お知らせ.pdf", "", anyoneWeb(RoleReader)), []string{"critical"}},
		{"anyone discoverable writer", file("f", "x", "", anyoneWeb(RoleWriter)), []string{"critical"}},
		{"decoy: link only", file("f", "x", "", anyoneLink(RoleReader)), nil},
		{"decoy: responder grant", form("f", "申込", &model.Form{}, responder(anyoneWeb(RoleReader))), nil},
		{"decoy: deleted", file("f", "x", "", deleted(anyoneWeb(RoleReader))), nil},
		{"decoy: domain discoverable", file("f", "x", "", model.Permission{Type: model.TypeDomain, Domain: "city.example.jp", Role: RoleReader, AllowFileDiscovery: true}), nil},
	})
	fs := publicOnWeb{}.CheckItem(testEnv(), file("f", "お知らせ.pdf", "", anyoneWeb(RoleReader)))
	if len(fs) != 1 || fs[0].Evidence[EvDiscoverable] != true {
		t.Errorf("SHARE-001 must say the grant is discoverable (the report names it public on the web): %+v", fs)
	}
}

func TestShare002AnyoneWithLink(t *testing.T) {
	runItemCases(t, "SHARE-002", []itemCase{
		{"anyone link", file("f", "議事録.docx", "", anyoneLink(RoleReader)), []string{"high"}},
		{"personal data in name", file("f", "患者名簿.xlsx", "", anyoneLink(RoleReader)), []string{"critical"}},
		{"full-width keyword", file("f", "ＮＡＭＥ　ＬＩＳＴ.xlsx", "", anyoneLink(RoleCommenter)), []string{"critical"}},
		{"personal data in form questions", form("f", "イベント", &model.Form{Questions: []string{"お名前(氏名)"}}, anyoneLink(RoleReader)), []string{"critical"}},
		{"decoy: responder grant", form("f", "申込フォーム", &model.Form{Questions: []string{"氏名"}}, responder(anyoneLink(""))), nil},
		{"decoy: discoverable is SHARE-001", file("f", "x", "", anyoneWeb(RoleReader)), nil},
		{"decoy: deleted", file("f", "x", "", deleted(anyoneLink(RoleReader))), nil},
		{"decoy: user grant", file("f", "患者名簿", "", userGrant(outsider, RoleReader)), nil},
	})
}

func TestShare003BroadEditor(t *testing.T) {
	drive := &model.Item{ID: "d", Name: "共有", Kind: model.KindSharedDrive, DriveID: "d", Permissions: []model.Permission{domainGrant("city.example.jp", RoleOrganizer)}}
	runItemCases(t, "SHARE-003", []itemCase{
		{"anyone writer", file("f", "x", "", anyoneLink(RoleWriter)), []string{"critical"}},
		{"domain writer on a file", file("f", "x", "", domainGrant("city.example.jp", RoleWriter)), []string{"high"}},
		{"domain writer on a form (Keio)", form("f", "予約", &model.Form{}, domainGrant("city.example.jp", RoleWriter)), []string{"critical"}},
		{"domain organizer on a shared drive", drive, []string{"high"}},
		{"outside domain fileOrganizer", file("f", "x", "", domainGrant("other-corp.co.jp", RoleFileOrganizer)), []string{"high"}},
		{"decoy: domain reader", file("f", "x", "", domainGrant("city.example.jp", RoleReader)), nil},
		{"decoy: anyone commenter", file("f", "x", "", anyoneLink(RoleCommenter)), nil},
		{"decoy: user writer", file("f", "x", "", userGrant("sato.y@city.example.jp", RoleWriter)), nil},
		{"decoy: responder", form("f", "x", &model.Form{}, responder(domainGrant("city.example.jp", ""))), nil},
		{"decoy: deleted", file("f", "x", "", deleted(anyoneLink(RoleWriter))), nil},
	})
}

func TestShare004InternalDomain(t *testing.T) {
	runItemCases(t, "SHARE-004", []itemCase{
		{"internal domain reader", file("f", "議事録", "", domainGrant("city.example.jp", RoleReader)), []string{"low"}},
		{"internal subdomain commenter", file("f", "議事録", "", domainGrant("edu.city.example.jp", RoleCommenter)), []string{"low"}},
		{"with personal data (Takarazuka)", file("f", "児童名簿", "", domainGrant("city.example.jp", RoleReader)), []string{"medium"}},
		{"decoy: internal domain writer is SHARE-003", file("f", "x", "", domainGrant("city.example.jp", RoleWriter)), nil},
		{"decoy: outside domain", file("f", "x", "", domainGrant("other-corp.co.jp", RoleReader)), nil},
		{"decoy: responder grant", form("f", "x", &model.Form{}, responder(domainGrant("city.example.jp", ""))), nil},
		{"decoy: internal user", file("f", "x", "", userGrant("sato.y@city.example.jp", RoleReader)), nil},
	})
}

func TestShare005Outside(t *testing.T) {
	runItemCases(t, "SHARE-005", []itemCase{
		{"outside user", file("f", "x", "", userGrant(outsider, RoleWriter)), []string{"medium"}},
		{"outside group", file("f", "x", "", groupGrant("staff@other-corp.co.jp", RoleReader)), []string{"medium"}},
		{"outside domain", file("f", "x", "", domainGrant("other-corp.co.jp", RoleReader)), []string{"medium"}},
		{"free mail (Shimada)", file("f", "x", "", userGrant("taro1970@gmail.com", RoleReader)), []string{"high"}},
		{"free mail carrier", file("f", "x", "", userGrant("taro@docomo.ne.jp", RoleReader)), []string{"high"}},
		{"two grants", file("f", "x", "", userGrant(outsider, RoleReader), userGrant("a@yahoo.co.jp", RoleReader)), []string{"medium", "high"}},
		{"decoy: partner domain grant", file("f", "x", "", domainGrant("partner-soft.co.jp", RoleReader)), nil},
		{"decoy: partner user", file("f", "x", "", userGrant("dev@partner-soft.co.jp", RoleWriter)), nil},
		{"decoy: partner subdomain", file("f", "x", "", userGrant("dev@tokyo.partner-soft.co.jp", RoleWriter)), nil},
		{"decoy: internal users", file("f", "x", "", userGrant("sato.y@city.example.jp", RoleWriter), userGrant("x@edu.city.example.jp", RoleReader)), nil},
		{"lookalike is outside too", file("f", "x", "", userGrant(lookal, RoleReader)), []string{"medium"}},
		{"decoy: responder", form("f", "x", &model.Form{}, responder(userGrant(outsider, ""))), nil},
		{"decoy: outside owner", &model.Item{ID: "f", Name: "x", Kind: model.KindFile, Permissions: []model.Permission{userGrant(outsider, RoleOwner)}}, nil},
		{"decoy: deleted", file("f", "x", "", deleted(userGrant(outsider, RoleReader))), nil},
		{"decoy: anyone", file("f", "x", "", anyoneLink(RoleReader)), nil},
	})
}

func TestShare006Lookalike(t *testing.T) {
	runItemCases(t, "SHARE-006", []itemCase{
		{"dotted domain as hyphen", file("f", "x", "", userGrant(lookal, RoleReader)), []string{"high"}},
		{"co.jp swap", file("f", "x", "", userGrant("tanaka.taro@city.example.co.jp", RoleReader)), []string{"high"}},
		{"rn for m", file("f", "x", "", userGrant("tanaka.taro@city.exarnple.jp", RoleReader)), []string{"high"}},
		{"dropped dot in local and domain", file("f", "x", "", userGrant("tanakataro@cityexample.jp", RoleReader)), []string{"high"}},
		{"patients (Fukuoka)", file("f", "陽性患者一覧.xlsx", "", userGrant(lookal, RoleReader)), []string{"critical"}},
		{"lookalike domain grant", file("f", "x", "", domainGrant("city-example.jp", RoleReader)), []string{"high"}},
		{"lookalike of a partner", file("f", "x", "", userGrant("dev@partner-soft.jp", RoleWriter)), []string{"high"}},
		{"decoy: internal users sato.k and sato.y", file("f", "x", "", userGrant("sato.k@city.example.jp", RoleReader), userGrant("sato.y@city.example.jp", RoleReader)), nil},
		{"decoy: unknown internal address", file("f", "x", "", userGrant("tanakataro@city.example.jp", RoleReader)), nil},
		{"decoy: free mail", file("f", "x", "", userGrant("tanaka.taro@gmail.com", RoleReader)), nil},
		{"decoy: exact partner", file("f", "x", "", domainGrant("partner-soft.co.jp", RoleReader)), nil},
		{"decoy: responder", form("f", "x", &model.Form{}, responder(userGrant(lookal, ""))), nil},
		{"decoy: deleted", file("f", "x", "", deleted(userGrant(lookal, RoleReader))), nil},
	})
}

func TestShare006Evidence(t *testing.T) {
	c, _ := Lookup("SHARE-006")
	fs := c.(ItemCheck).CheckItem(testEnv(), file("f", "患者名簿", "", userGrant("tanaka.taro@city.exarnple.jp", RoleReader)))
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	ev := fs[0].Evidence
	if ev[EvLookalikeOf] != "tanaka.taro@city.example.jp" || ev[EvReason] != ReasonConfusable {
		t.Errorf("evidence %v", ev)
	}
	if pd, _ := ev[EvPersonalData].([]string); len(pd) != 2 || pd[0] != "患者" || pd[1] != "名簿" {
		t.Errorf("personal_data %v", ev[EvPersonalData])
	}
	if fs[0].Principal == nil || fs[0].Principal.Email != "tanaka.taro@city.exarnple.jp" {
		t.Errorf("principal %+v", fs[0].Principal)
	}
}

func TestShare005Evidence(t *testing.T) {
	c, _ := Lookup("SHARE-005")
	fs := c.(ItemCheck).CheckItem(testEnv(), file("f", "x", "", userGrant("taro@gmail.com", RoleReader)))
	if len(fs) != 1 || fs[0].Evidence[EvDomain] != "gmail.com" || fs[0].Evidence[EvFreeMail] != true {
		t.Fatalf("findings %+v", fs)
	}
}
