#pragma once
// A small valid folder of scrutiny CSV files in a fresh temporary directory,
// for tests to load as is or to spoil one file at a time.

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace scrutiny::testing {

class LoadFixture {
 public:
  explicit LoadFixture(const std::string& name, const std::string& la_code = "900") {
    dir_ = std::filesystem::temp_directory_path() / ("scrutiny_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string c = la_code;
    files_["councils"] = "la_code,name,region\n" + c + ",Test Borough,E12000007\n";
    files_["population"] = "la_code,year,children_0_17\n" + c + ",2023,50000\n" + c + ",2024,50500\n";
    files_["teams"] = "team_id,la_code,name,service_area,funded_fte\n" + c + "-T1," + c + ",Assessment One,ASSESSMENT,8.5\n";
    files_["workers"] =
        "worker_id,la_code,team_id,role,qualified_social_worker,fte,agency,start_date,leave_date,leave_reason\n" + c +
        "-W1," + c + "," + c + "-T1,5,Y,1,N,2020-01-06,,\n";
    files_["children"] =
        "child_id,la_code,sex,date_of_birth,expected_date_of_birth,ethnicity,disability,uasc,uasc_ceased_date,date_of_death\n" +
        c + "-C1," + c + ",F,2015-06-01,,WBRI,NONE,N,,\n" + c + "-C2," + c + ",M,2010-01-15,,BAFR,MOB;LD,N,,\n";
    files_["referrals"] =
        "referral_id,child_id,referral_date,source,nfa,primary_need,team_id,worker_id\n" + c + "-R1," + c +
        "-C1,2024-01-10,6,N,N1," + c + "-T1," + c + "-W1\n" + c + "-R2," + c + "-C2,2024-02-01,2A,Y,," + c + "-T1,\n";
    files_["looked_after_episodes"] =
        "episode_id,child_id,decom,rne,ls,cin,place,place_provider,dec,rec,reason_place_change\n" + c + "-E1," + c +
        "-C2,2024-03-01,S,C2,N1,U6,PR1,2024-06-01,X1,\n" + c + "-E2," + c + "-C2,2024-06-01,P,C2,N1,\"K2\",PR4,,,CARPL\n";
    Write();
  }
  ~LoadFixture() { std::filesystem::remove_all(dir_); }

  std::string dir() const { return dir_.string(); }
  std::string path(const std::string& type) const { return (dir_ / (type + ".csv")).string(); }
  // Replaces a file's text (and writes it).
  void Set(const std::string& type, const std::string& text) {
    files_[type] = text;
    Write();
  }
  void Remove(const std::string& type) {
    files_.erase(type);
    std::filesystem::remove(dir_ / (type + ".csv"));
  }
  std::string Get(const std::string& type) const { return files_.at(type); }

 private:
  void Write() {
    for (const auto& [type, text] : files_) std::ofstream(dir_ / (type + ".csv"), std::ios::binary) << text;
  }
  std::filesystem::path dir_;
  std::map<std::string, std::string> files_;
};

}  // namespace scrutiny::testing
