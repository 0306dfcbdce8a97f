#!/usr/bin/python3
"""The pandas script a user would write instead of dealaudit: read a deal
history (CSV or XLSX) and compute yearly retention, repeat revenue share,
referral revenue share and a cohort matrix. Used by cmd/benchpandas as the
baseline; needs Debian's python3-pandas and python3-openpyxl."""
import sys

import pandas as pd


def main(path):
    if path.endswith(".xlsx"):
        df = pd.read_excel(path, engine="openpyxl")
    else:
        df = pd.read_csv(path)
    df["Amount"] = pd.to_numeric(df["Amount"].astype(str).str.replace(r"[$,]", "", regex=True), errors="coerce")
    df["Close Date"] = pd.to_datetime(df["Close Date"])
    won = df[df["Stage"] == "Closed Won"].copy()
    won["year"] = won["Close Date"].dt.year
    active = won.groupby("year")["Account"].apply(set)
    years = sorted(active.index)
    retention = {}
    for prev, cur in zip(years, years[1:]):
        retention[cur] = len(active[prev] & active[cur]) / len(active[prev])
    first = won.groupby("Account")["year"].min().rename("cohort")
    won = won.join(first, on="Account")
    revenue = won.groupby("year")["Amount"].sum()
    new = won[won["year"] == won["cohort"]].groupby("year")["Amount"].sum()
    repeat_share = ((revenue - new.reindex(revenue.index, fill_value=0)) / revenue).to_dict()
    referred = won[won["Lead Source"] == "Referral"]["Account"].unique()
    referral_share = won[won["Account"].isin(referred)]["Amount"].sum() / won["Amount"].sum()
    cohorts = won.groupby(["cohort", "year"])["Account"].nunique().unstack(fill_value=0)
    print("retention", {k: round(v, 4) for k, v in retention.items()})
    print("repeat share", {k: round(v, 4) for k, v in repeat_share.items()})
    print("referral share", round(referral_share, 4))
    print("cohort cells", cohorts.size)


if __name__ == "__main__":
    main(sys.argv[1])
