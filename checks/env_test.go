package checks

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func TestEnvDomains(t *testing.T) {
	for _, prepared := range []bool{true, false} {
		e := testEnv()
		if !prepared {
			e.idx = nil
		}
		for _, tc := range []struct {
			domain                    string
			internal, partner, freeML bool
		}{
			{"city.example.jp", true, false, false},
			{"CITY.EXAMPLE.JP.", true, false, false},
			{"edu.city.example.jp", true, false, false},
			{"example.jp", false, false, false},
			{"xcity.example.jp", false, false, false},
			{"partner-soft.co.jp", false, true, false},
			{"tokyo.partner-soft.co.jp", false, true, false},
			{"gmail.com", false, false, true},
			{"mail.gmail.com", false, false, false},
			{"", false, false, false},
		} {
			if got := e.IsInternal(tc.domain); got != tc.internal {
				t.Errorf("IsInternal(%q) = %v", tc.domain, got)
			}
			if got := e.IsPartner(tc.domain); got != tc.partner {
				t.Errorf("IsPartner(%q) = %v", tc.domain, got)
			}
			if got := e.IsFreeMail(tc.domain); got != tc.freeML {
				t.Errorf("IsFreeMail(%q) = %v", tc.domain, got)
			}
		}
	}
}

func TestEnvIsOutside(t *testing.T) {
	e := testEnv()
	for _, tc := range []struct {
		p    model.Permission
		want bool
	}{
		{userGrant("a@other.jp", RoleReader), true},
		{groupGrant("g@other.jp", RoleReader), true},
		{domainGrant("other.jp", RoleReader), true},
		{userGrant("a@gmail.com", RoleReader), true},
		{userGrant("a@city.example.jp", RoleReader), false},
		{userGrant("a@edu.city.example.jp", RoleReader), false},
		{domainGrant("city.example.jp", RoleReader), false},
		{domainGrant("partner-soft.co.jp", RoleReader), false},
		{userGrant("a@partner-soft.co.jp", RoleReader), false},
		{anyoneLink(RoleReader), false},
		{model.Permission{Type: model.TypeUser, Role: RoleReader}, false},
	} {
		if got := e.IsOutside(tc.p); got != tc.want {
			t.Errorf("IsOutside(%+v) = %v", tc.p, got)
		}
	}
}

func TestEnvPersonalData(t *testing.T) {
	e := &Env{PersonalDataKeywords: []string{"氏名", "ﾒｰﾙ", "Name", "名前", "name", " ", "address"}}
	for _, tc := range []struct {
		texts []string
		want  []string
	}{
		{[]string{"申込者一覧"}, nil},
		{[]string{"お名前（氏名）", "メールアドレス"}, []string{"氏名", "メール", "名前"}},
		{[]string{"FULL ＮＡＭＥ", "Address"}, []string{"name", "address"}},
		{[]string{"", "name", "NAME"}, []string{"name"}},
		{nil, nil},
	} {
		if got := e.PersonalData(tc.texts...); !slices.Equal(got, tc.want) {
			t.Errorf("PersonalData(%q) = %q, want %q", tc.texts, got, tc.want)
		}
	}
}

func TestEnvPersonalDataWeak(t *testing.T) {
	e := &Env{PersonalDataKeywords: []string{"患者", "申込者", "weak:一覧", "ｗｅａｋ： 申込", "weak:", "grades", "weak: list",
		"児童", "weak:児童", "weak:名簿", "名簿"}}
	for _, tc := range []struct {
		texts []string
		want  []string
	}{
		{[]string{"市内 公共施設一覧（開館時間・所在地）.pdf"}, nil}, // weak alone
		{[]string{"申込方法のご案内"}, nil},
		{[]string{"申込一覧"}, nil},                              // two weak words are still weak
		{[]string{"外来 患者一覧"}, []string{"患者", "一覧"}},          // weak next to strong
		{[]string{"参加申込", "患者"}, []string{"患者", "申込"}},       // strong and weak in different texts
		{[]string{"子育て講座 申込者一覧"}, []string{"申込者", "一覧"}},     // 申込 only inside 申込者
		{[]string{"申込者一覧 申込書"}, []string{"申込者", "一覧", "申込"}}, // 申込 also stands alone
		{[]string{"Upgrades list"}, nil},                     // grades must start a word
		{[]string{"Student grades list"}, []string{"grades", "list"}},
		{[]string{"3年grades"}, []string{"grades"}}, // after a kana, a word starts
		{[]string{"ｇｒａｄｅｓ"}, []string{"grades"}},
		{[]string{"児童館 だより"}, nil},         // the last listing (weak) decides
		{[]string{"学級名簿"}, []string{"名簿"}}, // … both ways
	} {
		if got := e.PersonalData(tc.texts...); !slices.Equal(got, tc.want) {
			t.Errorf("PersonalData(%q) = %q, want %q", tc.texts, got, tc.want)
		}
	}
}

// TestEnvPersonalDataLongest: an occurrence inside a longer keyword's does
// not count, so a weak compound masks the strong word in it.
func TestEnvPersonalDataLongest(t *testing.T) {
	e := &Env{PersonalDataKeywords: []string{"児童", "weak:児童館", "名簿", "weak:一覧", "weak:個人情報", "weak:個人情報保護"}}
	for _, tc := range []struct {
		texts []string
		want  []string
	}{
		{[]string{"児童館 だより"}, nil},
		{[]string{"児童館 利用児童 一覧"}, []string{"児童", "児童館", "一覧"}}, // the second 児童 stands alone
		{[]string{"児童館", "児童名簿"}, []string{"児童", "児童館", "名簿"}}, // texts are read one by one
		{[]string{"個人情報保護 名簿"}, []string{"名簿", "個人情報保護"}},
		{[]string{strings.Repeat("児童館", 20) + "児童"}, []string{"児童", "児童館"}},
		{[]string{strings.Repeat("x児童", 20)}, []string{"児童"}},
	} {
		if got := e.PersonalData(tc.texts...); !slices.Equal(got, tc.want) {
			t.Errorf("PersonalData(%q) = %q, want %q", tc.texts, got, tc.want)
		}
	}
}

func TestEnvConcurrent(t *testing.T) {
	e := testEnv()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				_ = e.IsOutside(userGrant("a@other.jp", RoleReader))
				_ = e.PersonalData("患者名簿")
				_, _ = e.Lookalike(userGrant(lookal, RoleReader))
			}
		})
	}
	wg.Wait()
}
